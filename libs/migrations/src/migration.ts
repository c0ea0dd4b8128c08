/**
 * A versioned schema migration. Its name ends in a 13-digit JavaScript timestamp (TypeORM's
 * convention; it orders a service's migrations, the kernel's before the service's own) and is
 * what the migrations table records: never rename or edit a migration once it has shipped, add
 * a new one. `up` runs in a transaction of its own, as the database's owner role.
 */
export interface SchemaMigration {
  readonly name: string;
  up(db: MigrationDb): Promise<void>;
}

/** Privileges of the runtime role, then the tables they apply to (`MigrationDb.grant`). */
export type TableGrant = readonly [privileges: string, ...tables: string[]];

/** A migration as its statements and grants (`ddlMigration`). */
export interface DdlMigrationSpec {
  readonly name: string;
  /** Run in order, one `db.query` each; once shipped, never edited (add a migration instead). */
  readonly statements: readonly string[];
  /** Granted in order, after the statements. */
  readonly grants?: readonly TableGrant[];
}

/**
 * The shape every service's migration has: its DDL statements in order, then what the runtime
 * role may do to each of its tables. Declared as data, so a migration file holds only its SQL.
 */
export function ddlMigration(spec: DdlMigrationSpec): SchemaMigration {
  return {
    name: spec.name,
    async up(db) {
      for (const sql of spec.statements) await db.query(sql);
      for (const [privileges, ...tables] of spec.grants ?? []) await db.grant(privileges, ...tables);
    },
  };
}

/** What a migration may do: statements as the owner, and grants to the service's runtime role. */
export interface MigrationDb {
  /** The rows of a statement (several statements without parameters are allowed). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * `GRANT <privileges> ON <objects> TO <runtime role>`: what the service may do to each of its
   * tables, exactly (the runtime role owns nothing, so it can do nothing else).
   */
  grant(privileges: string, ...objects: string[]): Promise<void>;
}

/** Where every database records the migrations applied to it (one per service database). */
export const MIGRATIONS_TABLE = 'custos_migrations';

/** A Postgres identifier, quoted. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The migrations' names must be unique and end in a 13-digit timestamp, ordered as listed. */
export function checkMigrationList(migrations: readonly SchemaMigration[]): void {
  let last = -1;
  const seen = new Set<string>();
  for (const m of migrations) {
    const stamp = /(\d{13})$/.exec(m.name);
    if (!stamp) throw new Error(`migration ${m.name}: the name must end in a 13-digit timestamp`);
    if (seen.has(m.name)) throw new Error(`migration ${m.name} is listed twice`);
    if (Number(stamp[1]) <= last) throw new Error(`migration ${m.name} is listed out of order (timestamps must grow)`);
    seen.add(m.name);
    last = Number(stamp[1]);
  }
}

/** What `applyMigrationDirectly` needs: a client inside the caller's transaction. */
export interface MigrationClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * One migration's statements on the caller's connection, without the migrations table and with
 * no grants: for a library's own tests and benchmarks, and a migration's test. Deployments use
 * `runMigrations`.
 */
export async function applyMigrationDirectly(client: MigrationClient, migration: SchemaMigration): Promise<void> {
  await migration.up({
    query: async <T>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params ? [...params] : undefined)).rows as T[],
    grant: async () => undefined,
  });
}
