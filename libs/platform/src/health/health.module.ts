import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, READINESS_CHECKS } from './health.controller';
import { ReadinessCheck } from './readiness-check';

export interface HealthModuleOptions {
  /** What `/health/ready` waits for; see `serviceReadinessChecks` for a service's usual set. */
  readonly checks: readonly ReadinessCheck[];
}

/** Closes what the checks hold open (their own connection pools) with the application. */
@Injectable()
class ReadinessChecksLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[]) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.checks.map((c) => c.close?.()));
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
      providers: [{ provide: READINESS_CHECKS, useValue: options.checks }, ReadinessChecksLifecycle],
    };
  }
}
