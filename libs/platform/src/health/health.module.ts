import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Gauge, Registry } from 'prom-client';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { HealthController, READINESS_CHECKS } from './health.controller';
import { ReadinessCheck } from './readiness-check';

export interface HealthModuleOptions {
  /** What `/health/ready` waits for; see `serviceReadinessChecks` for a service's usual set. */
  readonly checks: readonly ReadinessCheck[];
  /** Watched as metrics only (`custos_dependency_up`), never for readiness: the bus. */
  readonly metricsOnly?: readonly ReadinessCheck[];
}

const METRICS_ONLY = Symbol('METRICS_ONLY');

type WithMetrics = ReadinessCheck & { registerMetrics?(registry: Registry, moduleRef: ModuleRef): void };

/**
 * Every check as `custos_dependency_up{check}` (1 up, 0 down, probed at scrape time), and the
 * checks' own gauges; closes what the checks hold open (their own pools) with the application.
 */
@Injectable()
class ReadinessChecksLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: readonly WithMetrics[],
    @Inject(METRICS_ONLY) private readonly metricsOnly: readonly ReadinessCheck[],
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(MetricsRegistry) private readonly registry?: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    if (!this.registry) return;
    const all = [...this.checks, ...this.metricsOnly];
    const moduleRef = this.moduleRef;
    new Gauge({
      name: 'custos_dependency_up',
      help: 'Whether a dependency answers (1) or not (0); the bus is watched here, not in readiness',
      labelNames: ['check'],
      registers: [this.registry],
      async collect() {
        const outcomes = await Promise.all(all.map(async (c) => [c.key, (await c.run(moduleRef)).up] as const));
        for (const [check, up] of outcomes) this.set({ check }, up ? 1 : 0);
      },
    });
    for (const check of this.checks) check.registerMetrics?.(this.registry, moduleRef);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.checks, ...this.metricsOnly].map((c) => c.close?.()));
  }
}

/** `GET /health/live` and `GET /health/ready`, both public. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController],
      providers: [
        { provide: READINESS_CHECKS, useValue: options.checks },
        { provide: METRICS_ONLY, useValue: options.metricsOnly ?? [] },
        ReadinessChecksLifecycle,
      ],
    };
  }
}
