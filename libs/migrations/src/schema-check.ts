import { MIGRATIONS_TABLE, SchemaMigration } from './migration';

/** What `assertSchemaMigrated` needs of a pool or client. */
export interface Queryable {
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The service's database lacks migrations it needs: the service refuses to start. */
export class SchemaNotMigratedError extends Error {
  constructor(
    readonly service: string,
    readonly missing: readonly string[],
  ) {
    super(
      `CUSTOS_SCHEMA_NOT_MIGRATED: the ${service} database lacks ${missing.length} migration(s) this version needs ` +
        `(${missing.join(', ')}); run the migration job first (node dist/services/${service}/src/migrate.js, ` +
        `or npm run migrate -- ${service}) with the owner role, then start the service`,
    );
    this.name = 'SchemaNotMigratedError';
  }
}

/**
 * At start a service creates nothing: it checks that every migration it was built with is
 * recorded in its database (later ones, from a newer version migrated ahead, are fine) and
 * refuses to start otherwise. One query, no TypeORM.
 */
export async function assertSchemaMigrated(db: Queryable, service: string, migrations: readonly SchemaMigration[]): Promise<void> {
  let applied: Set<string>;
  try {
    const { rows } = await db.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    applied = new Set(rows.map((r) => String(r.name)));
  } catch (error) {
    // 42P01: no migrations table at all, an unmigrated database.
    if ((error as { code?: string }).code !== '42P01') throw error;
    applied = new Set();
  }
  const missing = migrations.map((m) => m.name).filter((name) => !applied.has(name));
  if (missing.length > 0) throw new SchemaNotMigratedError(service, missing);
}

/** `pool` once its database is found migrated; otherwise the pool is closed and the start refused. */
export async function migratedPool<P extends Queryable & { end(): Promise<void> }>(
  pool: P,
  service: string,
  migrations: readonly SchemaMigration[],
): Promise<P> {
  try {
    await assertSchemaMigrated(pool, service, migrations);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return pool;
}
