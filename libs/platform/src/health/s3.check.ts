import * as Minio from 'minio';
import { CheckOutcome, DEFAULT_CHECK_TIMEOUT_MS, ReadinessCheck, reasonOf, withTimeout } from './readiness-check';

export interface S3CheckOptions {
  /** `http://host:port` or `https://host`. */
  readonly endpoint: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
  /**
   * Asked about with `bucketExists`, which also proves the credentials (a wrong key is
   * refused, a missing bucket is not an error). Without it, `listBuckets`.
   */
  readonly bucket?: string;
  readonly timeoutMs?: number;
}

/**
 * The S3 store answers with these credentials. A missing bucket is reported, not failed:
 * creating it (with Object Lock) is the storage service's job, not the probe's.
 */
export function s3Check(options: S3CheckOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const url = new URL(options.endpoint);
  const useSSL = url.protocol === 'https:';
  const client = new Minio.Client({
    endPoint: url.hostname,
    port: Number(url.port || (useSSL ? 443 : 80)),
    useSSL,
    accessKey: options.accessKey,
    secretKey: options.secretKey,
    region: options.region,
  });
  return {
    key: 's3',
    async run(): Promise<CheckOutcome> {
      try {
        if (options.bucket) {
          const bucketExists = await withTimeout(client.bucketExists(options.bucket), timeoutMs, 'S3');
          return { up: true, details: { bucket: options.bucket, bucketExists } };
        }
        const buckets = await withTimeout(client.listBuckets(), timeoutMs, 'S3');
        return { up: true, details: { buckets: buckets.length } };
      } catch (error) {
        return { up: false, details: { message: reasonOf(error) } };
      }
    },
  };
}
