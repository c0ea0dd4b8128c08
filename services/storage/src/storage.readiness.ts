import { ReadinessCheck, s3Check, serviceReadinessChecks } from '@custos/platform';
import { StorageConfig } from './storage.config';

/** The usual checks, and the S3 store when footage lives there. */
export function storageReadinessChecks(config: StorageConfig): ReadinessCheck[] {
  const checks = serviceReadinessChecks(config, 'storage');
  if (config.STORAGE_DRIVER !== 's3') return checks;
  return [
    ...checks,
    s3Check({
      endpoint: config.S3_ENDPOINT,
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET_FOOTAGE,
    }),
  ];
}
