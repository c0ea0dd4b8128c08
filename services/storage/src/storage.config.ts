import { ApprovalVerifierConfig, HTTP_URL, IntSetting, serviceSettings, Setting } from '@custos/platform';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUrl, Matches, Min, ValidateIf } from 'class-validator';

export const STORAGE_DRIVERS = ['local', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];

const usesS3 = (config: StorageConfig): boolean => config.STORAGE_DRIVER === 's3';

/**
 * The storage service's settings. The embedded mode keeps footage on local disk; the cluster
 * uses an S3 store with Object Lock (MinIO), whose credentials are then required.
 */
export class StorageConfig extends serviceSettings('storage', ApprovalVerifierConfig) {
  @Setting({ description: '`local`: footage on local disk under LOCAL_STORE_DIR; `s3`: an S3 store with Object Lock' })
  @IsIn(STORAGE_DRIVERS)
  STORAGE_DRIVER: StorageDriver = 'local';

  @Setting({ description: 'Folder of the local store (STORAGE_DRIVER=local), relative to the working directory' })
  @IsNotEmpty()
  LOCAL_STORE_DIR: string = '.custos/embedded/store';

  @Setting({ description: 'S3 endpoint URL, e.g. `http://minio:9000` (STORAGE_DRIVER=s3)' })
  @IsUrl(HTTP_URL)
  S3_ENDPOINT: string = 'http://127.0.0.1:9000';

  @Setting({ description: 'S3 access key (required when STORAGE_DRIVER=s3)', secret: true })
  @ValidateIf(usesS3)
  @IsNotEmpty({ message: 'S3_ACCESS_KEY is required when STORAGE_DRIVER=s3' })
  S3_ACCESS_KEY: string = '';

  @Setting({ description: 'S3 secret key (required when STORAGE_DRIVER=s3)', secret: true })
  @ValidateIf(usesS3)
  @IsNotEmpty({ message: 'S3_SECRET_KEY is required when STORAGE_DRIVER=s3' })
  S3_SECRET_KEY: string = '';

  @Setting({ description: 'S3 region' })
  @IsString()
  @IsNotEmpty()
  S3_REGION: string = 'us-east-1';

  @Setting({ description: 'Bucket of original footage; created with Object Lock (write-once, R16.3)' })
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET_FOOTAGE must be a valid S3 bucket name' })
  S3_BUCKET_FOOTAGE: string = 'custos-footage';

  @Setting({ description: 'Minimum days the store locks an original against deletion, at least 30; a segment is locked for its image system\'s longer retention where the registry states one (R16.7)' })
  @IsInt()
  @Min(30, { message: 'RETENTION_DAYS must be at least 30 (R16.7)' })
  RETENTION_DAYS: number = 30;

  @IntSetting('Minutes between two comparisons of the footage store with the records, reporting originals no record names (R16.3); 0 = never', { min: 0 })
  RECONCILE_INTERVAL_MINUTES: number = 10;

  @Setting({
    description:
      'PEM of the Ed25519 private key that signs export manifests (R18.5). Required when EMBEDDED_MODE=false; empty in the embedded mode: a key is generated once and kept (0600) under LOCAL_STORE_DIR/../keys',
    secret: true,
  })
  @IsString()
  @ValidateIf((config: StorageConfig) => !config.EMBEDDED_MODE)
  @IsNotEmpty({
    message:
      'EXPORT_SIGNING_KEY is required when EMBEDDED_MODE=false: the PEM of the Ed25519 private key that signs export manifests (R18.5)',
  })
  EXPORT_SIGNING_KEY: string = '';
}
