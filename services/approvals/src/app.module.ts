import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthModule, PlatformModule, serviceReadinessChecks, typeOrmOptionsFor } from '@custos/platform';
import { ApprovalsConfig } from './approvals.config';

export const SERVICE = 'approvals';

/**
 * The approvals service. Approval cases routed to the competent head (R17.2-R17.4) and the
 * approval documents.
 * Feature modules are imported here as they are built.
 */
@Module({})
export class AppModule {
  static forRoot(config: ApprovalsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: SERVICE, config }),
        TypeOrmModule.forRootAsync({ useFactory: () => typeOrmOptionsFor(config, SERVICE) }),
        HealthModule.forRoot({ checks: serviceReadinessChecks(config, SERVICE) }),
      ],
    };
  }
}
