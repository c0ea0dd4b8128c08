import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@custos/auth';
import { accessDeniedDefinition, EventRegistry, STORAGE_EVENTS } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import {
  authConfigOf,
  closeOnShutdown,
  eventTransportOf,
  EventStoreAccessDenialRecorder,
  HealthModule,
  PlatformModule,
  serviceTokenOf,
  typeOrmOptionsFor,
} from '@custos/platform';
import { Pool } from 'pg';
import { HttpApprovalTrust } from '@custos/platform';
import { HttpCameraDirectory } from './adapters/http-camera-directory';
import { exportSigningKeyOf } from './adapters/export-signing-key';
import { StorageConfig } from './storage.config';
import { StorageModule } from './storage.module';
import { footageStoreFromConfig } from './storage.options';
import { storageReadinessChecks } from './storage.readiness';

export const SERVICE = 'storage';

/** The demo user (role SERVICE) this service signs in as at the development issuer. */
export const SERVICE_USER = 'service.storage';

/**
 * The storage service. Footage ingest into write-once storage (local disk or S3 with Object
 * Lock), exports with signed manifests, delivery. Camera owners come from the registry's API,
 * approving organs' keys and revocations from the approvals service's, both with this
 * service's own token (role SERVICE); events travel on the configured bus; refused accesses are
 * events of this service (`storage.AccessDenied`).
 */
@Module({})
export class AppModule {
  static forRoot(config: StorageConfig): DynamicModule {
    // Before anything opens: a missing or wrong signing key refuses to start.
    const exportSigningKey = exportSigningKeyOf(config);
    // The denial recorder's own small pool; the schema is created by StorageModule at start.
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
    pool.on('error', () => undefined);
    const store = new EventStore(pool, SERVICE, new EventRegistry().register(...STORAGE_EVENTS, accessDeniedDefinition(SERVICE)));
    const transport = eventTransportOf(config, SERVICE);
    const serviceToken = serviceTokenOf({
      embedded: config.EMBEDDED_MODE,
      issuer: config.AUTH_ISSUER,
      username: SERVICE_USER,
      staticToken: config.SERVICE_TOKEN,
    });
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: SERVICE, config }),
        TypeOrmModule.forRootAsync({ useFactory: () => typeOrmOptionsFor(config, SERVICE) }),
        HealthModule.forRoot({ checks: storageReadinessChecks(config) }),
        AuthModule.forRoot(authConfigOf(config), { recorder: { useValue: new EventStoreAccessDenialRecorder(store, SERVICE) } }),
        StorageModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          retentionDays: config.RETENTION_DAYS,
          footageStore: footageStoreFromConfig(config),
          exportSigningKey,
          cameras: new HttpCameraDirectory({ baseUrl: config.REGISTRY_URL, serviceToken }),
          approvalTrust: new HttpApprovalTrust({ baseUrl: config.APPROVALS_URL, serviceToken }),
          relay: { transport, topicPrefix: config.KAFKA_TOPIC_PREFIX },
        }),
      ],
      providers: [closeOnShutdown(transport), closeOnShutdown(pool)],
    };
  }
}
