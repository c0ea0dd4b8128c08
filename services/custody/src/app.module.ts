import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthModule, PlatformModule, serviceReadinessChecks, typeOrmOptionsFor } from '@custos/platform';
import { CustodyConfig } from './custody.config';

export const SERVICE = 'custody';

/**
 * The custody service. Evidence items, hand-overs, viewing sessions and the access register
 * (R16.6, R18).
 * Feature modules are imported here as they are built.
 */
@Module({})
export class AppModule {
  static forRoot(config: CustodyConfig): DynamicModule {
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
