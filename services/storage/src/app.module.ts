import { DynamicModule, Module } from '@nestjs/common';
import { EventRegistry, STORAGE_EVENTS } from '@custos/contracts';
import { eventBusOf, rulePacksOf, serviceRootModule } from '@custos/platform';
import { HttpCameraDirectory } from './adapters/http-camera-directory';
import { exportSigningKeyOf } from './adapters/export-signing-key';
import { StorageConfig } from './storage.config';
import { StorageModule } from './storage.module';
import { footageStoreFromConfig } from './storage.options';
import { storageReadinessChecks } from './storage.readiness';

export const SERVICE = 'storage';

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
    const eventRegistry = new EventRegistry().register(...STORAGE_EVENTS);
    const infrastructure = { service: SERVICE, eventRegistry, readinessChecks: storageReadinessChecks(config) };
    return serviceRootModule(AppModule, config, infrastructure, (calls) =>
      StorageModule.forRoot({
        databaseUrl: config.DATABASE_URL,
        retentionDays: config.RETENTION_DAYS,
        rulePacks: rulePacksOf(config),
        reconcileIntervalMs: config.RECONCILE_INTERVAL_MINUTES * 60_000,
        footageStore: footageStoreFromConfig(config),
        exportSigningKey,
        cameras: new HttpCameraDirectory(calls.registry),
        approvalTrust: calls.approvalTrust(config),
        relay: { transport: eventBusOf(config) },
      }),
    );
  }
}
