import { randomBytes } from 'node:crypto';
import * as Minio from 'minio';
import type { SchemaMigration } from '@custos/migrations';
import { createOwnedDatabase, migrateTestDatabase, testDatabaseTemplate, testDatabaseUrl } from './database-roles';
import { testInfra } from './infra';

/** A short unique name for a suite's database, topic prefix or bucket. */
export function uniqueName(label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30);
  return `${clean}-${randomBytes(4).toString('hex')}`;
}

export interface TestDatabaseOptions {
  /** No tables at all (default: every service's schema, copied from global setup's template). */
  readonly empty?: boolean;
  /**
   * The migrations the suite's services need: applied as a migration job would where no
   * template was prepared (a benchmark or a process outside jest); the template holds them all.
   */
  readonly migrations?: readonly SchemaMigration[];
}

/**
 * A fresh database of its own for one suite, owned by the run's owner role; returns its URL
 * (as the superuser). By default it holds every service's migrated schema (a copy of the
 * template global setup migrated), so a service started on it finds the migrations it checks.
 */
export async function createTestDatabase(label: string, options: TestDatabaseOptions = {}): Promise<string> {
  const name = `t_${uniqueName(label).replace(/-/g, '_')}`;
  const template = options.empty ? undefined : testDatabaseTemplate();
  await createOwnedDatabase(name, template);
  const url = testDatabaseUrl(name);
  if (!template && options.migrations) await migrateTestDatabase(url, options.migrations);
  return url;
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
