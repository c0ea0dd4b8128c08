import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HealthModule, PlatformModule, typeOrmOptionsFor } from '@custos/platform';
import { StorageConfig } from './storage.config';
import { storageReadinessChecks } from './storage.readiness';

export const SERVICE = 'storage';

/**
 * The storage service. Footage ingest into write-once storage, exports with signed manifests,
 * delivery.
 * Feature modules are imported here as they are built.
 */
@Module({})
export class AppModule {
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: SERVICE, config }),
        TypeOrmModule.forRootAsync({ useFactory: () => typeOrmOptionsFor(config, SERVICE) }),
        HealthModule.forRoot({ checks: storageReadinessChecks(config) }),
      ],
    };
  }
}
