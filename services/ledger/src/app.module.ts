import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthModule, PlatformModule, serviceReadinessChecks, typeOrmOptionsFor } from '@custos/platform';
import { LedgerConfig } from './ledger.config';

export const SERVICE = 'ledger';

/**
 * The ledger service. The audit ledger: consumes every event into a Merkle log with proofs and
 * signed checkpoints.
 * Feature modules are imported here as they are built.
 */
@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
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
