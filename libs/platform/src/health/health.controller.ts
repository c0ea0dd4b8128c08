import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../http/public.decorator';
import { ReadinessCheck } from './readiness-check';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Terminus's body: the overall status and each check's, by its key (`postgres`, `readers`, `bus`, ...). */
const READINESS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: { type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string' } } } },
    error: { type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string' } } } },
    details: { type: 'object', additionalProperties: { type: 'object', properties: { status: { type: 'string' } } } },
  },
  required: ['status'],
};

/**
 * Liveness says the process runs (a restart would help nothing else); readiness says its
 * dependencies answer, so that a load balancer sends it traffic. Kubernetes probes both.
 */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process runs', schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every check is up, else 503 with terminus's body (`status`, `info`, `error`, `details`). */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'Every check is up', schema: READINESS_SCHEMA })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down, or the service is shutting down', schema: READINESS_SCHEMA })
  @ApiOperation({ summary: 'Readiness: the database, the event bus and the other dependencies answer' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check(
        this.checks.map((check) => async () => {
          const { up, details } = await check.run(this.moduleRef);
          const session = this.indicator.check(check.key);
          return up ? session.up(details ?? {}) : session.down(details ?? {});
        }),
      );
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
