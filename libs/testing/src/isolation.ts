import { randomBytes } from 'node:crypto';
import * as Minio from 'minio';
import { Client } from 'pg';
import { testInfra } from './infra';

/** A short unique name for a suite's database, topic prefix or bucket. */
export function uniqueName(label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30);
  return `${clean}-${randomBytes(4).toString('hex')}`;
}

/** A fresh database of its own for one suite; returns its URL. */
export async function createTestDatabase(label: string): Promise<string> {
  const name = `t_${uniqueName(label).replace(/-/g, '_')}`;
  const admin = new Client({ connectionString: testInfra().databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testInfra().databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A Kafka topic prefix of its own for one suite, e.g. `t-relay-1a2b3c4d.`. */
export function uniqueTopicPrefix(label: string): string {
  return `t-${uniqueName(label)}.`;
}

export function testS3Client(): Minio.Client {
  const { s3 } = testInfra();
  return new Minio.Client({
    endPoint: s3.endPoint,
    port: s3.port,
    useSSL: s3.useSSL,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: s3.region,
  });
}

/** A bucket of its own for one suite, with Object Lock (and so versioning) when asked. */
export async function createTestBucket(label: string, options: { objectLock?: boolean } = {}): Promise<string> {
  const name = uniqueName(label);
  await testS3Client().makeBucket(name, testInfra().s3.region, { ObjectLocking: options.objectLock ?? false });
  return name;
}
