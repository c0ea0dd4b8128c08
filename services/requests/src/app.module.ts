import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthModule, PlatformModule, serviceReadinessChecks, typeOrmOptionsFor } from '@custos/platform';
import { RequestsConfig } from './requests.config';

export const SERVICE = 'requests';

/**
 * The requests service. Access requests: filing, co-signing and withdrawal, and the
 * officer-facing queries.
 * Feature modules are imported here as they are built.
 */
@Module({})
export class AppModule {
  static forRoot(config: RequestsConfig): DynamicModule {
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
