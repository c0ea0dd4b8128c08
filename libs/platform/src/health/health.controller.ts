import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../http/public.decorator';
import { ReadinessCheck } from './readiness-check';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

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
  @ApiOkResponse({ description: 'The process runs' })
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every check is up, else 503 with terminus's body (`status`, `info`, `error`, `details`). */
  @Get('ready')
  @HealthCheck()
  @ApiServiceUnavailableResponse({ description: 'A dependency is down, or the service is shutting down' })
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
