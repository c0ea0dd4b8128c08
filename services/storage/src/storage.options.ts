import { createPrivateKey, KeyObject } from 'node:crypto';
import type { BusOptions, EventTransport } from '@custos/eventstore';
import type { Pool } from 'pg';
import type { RulePackConfig } from '@custos/domain';
import type { ApprovalTrust } from '@custos/platform';
import type { CameraDirectory } from './domain/camera-directory.port';
import type { FootageStore } from './footage-store/footage-store.port';
import { LocalDiskFootageStore } from './footage-store/local-disk-footage-store';
import { s3ConnectionOf, S3FootageStore } from './footage-store/s3-footage-store';

export interface StorageModuleOptions {
  /** The storage service's database; or `databaseUrl`, and the module opens (and closes) a pool. */
  readonly pool?: Pool;
  readonly databaseUrl?: string;
  /** RETENTION_DAYS: below 30 the module refuses to start (R16.7). */
  readonly retentionDays: number;
  /** Where originals and export packages live, write-once; see `footageStoreFromConfig`. */
  readonly footageStore: FootageStore;
  /** The storage service's Ed25519 private key signing export manifests (PEM or KeyObject). */
  readonly exportSigningKey: KeyObject | string;
  /** Which organisation owns each camera (fed by the registry). */
  readonly cameras: CameraDirectory;
  /** Public keys of approving organs and their revoked document numbers (R18.5). */
  readonly approvalTrust: ApprovalTrust;
  /** Publish the service's events: a relay on `databaseUrl` to this bus (its settings, `eventBusOf(config)`, or a transport of the caller's). */
  readonly relay?: { readonly transport: BusOptions | EventTransport; readonly topicPrefix?: string };
  readonly clock?: () => Date;
  /** How often the store is compared with the records for unrecorded originals (default 10 minutes; 0 = never). */
  readonly reconcileIntervalMs?: number;
  /** The rule packs and how they compose (issue 21, `rulePacksOf(config)`); default `DEFAULT_RULE_PACK_CONFIG`. */
  readonly rulePacks?: RulePackConfig;
}

/** The store STORAGE_DRIVER names, from the service's settings. */
export function footageStoreFromConfig(config: {
  STORAGE_DRIVER: 'local' | 's3';
  LOCAL_STORE_DIR: string;
  S3_ENDPOINT: string;
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
  S3_REGION: string;
  S3_BUCKET_FOOTAGE: string;
  RETENTION_DAYS: number;
}): FootageStore {
  if (config.STORAGE_DRIVER === 'local') {
    return new LocalDiskFootageStore({ dir: config.LOCAL_STORE_DIR, retentionDays: config.RETENTION_DAYS });
  }
  return new S3FootageStore({
    connection: s3ConnectionOf(config.S3_ENDPOINT, config.S3_ACCESS_KEY, config.S3_SECRET_KEY, config.S3_REGION),
    bucket: config.S3_BUCKET_FOOTAGE,
    retentionDays: config.RETENTION_DAYS,
  });
}

export function signingKeyOf(key: KeyObject | string): KeyObject {
  return typeof key === 'string' ? createPrivateKey(key) : key;
}
