import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthModule, PlatformModule, serviceReadinessChecks, typeOrmOptionsFor } from '@custos/platform';
import { RegistryConfig } from './registry.config';

export const SERVICE = 'registry';

/**
 * The registry service. Organisations (with level and jurisdiction), officers and
 * credentials, image systems, cameras and site categories (R7, R8, R11, R15).
 * Feature modules are imported here as they are built.
 */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
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
