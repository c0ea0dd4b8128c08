import { Client } from 'pg';
import { checkMigrationList, MigrationDb, MIGRATIONS_TABLE, quoteIdent, SchemaMigration } from './migration';

export interface RunMigrationsOptions {
  /** The database as its owner role (the only role that runs DDL). */
  readonly databaseUrl: string;
  /** The role the service runs as: each migration grants it exactly what it needs. */
  readonly runtimeRole: string;
  readonly migrations: readonly SchemaMigration[];
  readonly log?: (line: Record<string, unknown>) => void;
}

/**
 * Applies the migrations a database lacks, each in a transaction of its own, with TypeORM's
 * migration runner (TypeORM is loaded here only: the services do not use it at run time).
 * Runs one at a time per database (an advisory lock held meanwhile), so two jobs or replicas
 * started together apply each migration once. Returns the names applied now.
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<string[]> {
  const { migrations, runtimeRole } = options;
  checkMigrationList(migrations);
  if (!runtimeRole) throw new Error('the runtime role to grant to is not given (DATABASE_RUNTIME_ROLE)');
  const lock = new Client({ connectionString: options.databaseUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('custos.migrations'))");
    // Nothing pending (every start of `npm start`, a job run again): TypeORM is not even loaded.
    if ((await pendingOf(lock, migrations)).length === 0) return [];
    const { DataSource } = await import('typeorm');
    const classes = migrations.map(
      (m) =>
        class {
          readonly name = m.name;
          async up(runner: { query(sql: string, params?: unknown[]): Promise<unknown> }): Promise<void> {
            await m.up(migrationDb(runner, runtimeRole));
          }
          async down(): Promise<void> {
            // Forward only: an event store's schema is never rolled back, it is migrated on.
            throw new Error(`migration ${m.name} is not reversible; write a new migration`);
          }
        },
    );
    const dataSource = new DataSource({
      type: 'postgres',
      url: options.databaseUrl,
      migrations: classes,
      migrationsTableName: MIGRATIONS_TABLE,
      migrationsTransactionMode: 'each',
      logging: false,
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      // The service reads which migrations are applied (and nothing more of the table).
      await dataSource.query(`GRANT SELECT ON ${MIGRATIONS_TABLE} TO ${quoteIdent(runtimeRole)}`);
      for (const m of applied) options.log?.({ msg: 'migration applied', migration: m.name });
      return applied.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query("SELECT pg_advisory_unlock(hashtext('custos.migrations'))").catch(() => undefined);
    await lock.end();
  }
}

/** The migrations not yet recorded in the database's migrations table (all, when it has none). */
async function pendingOf(client: Client, migrations: readonly SchemaMigration[]): Promise<SchemaMigration[]> {
  const exists = await client.query('SELECT to_regclass($1) AS t', [MIGRATIONS_TABLE]);
  if (exists.rows[0].t === null) return [...migrations];
  const { rows } = await client.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
  const applied = new Set(rows.map((r: { name: string }) => r.name));
  return migrations.filter((m) => !applied.has(m.name));
}

function migrationDb(runner: { query(sql: string, params?: unknown[]): Promise<unknown> }, runtimeRole: string): MigrationDb {
  const query = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    const result = await runner.query(sql, params ? [...params] : undefined);
    return (Array.isArray(result) ? result : []) as T[];
  };
  return {
    query,
    async grant(privileges, ...objects) {
      if (!/^[A-Z, ]+$/.test(privileges)) throw new Error(`not a list of privileges: ${privileges}`);
      for (const object of objects) {
        if (!/^(SEQUENCE )?[a-z_][a-z0-9_]*$/.test(object)) throw new Error(`not a table or sequence: ${object}`);
        await query(`GRANT ${privileges} ON ${object} TO ${quoteIdent(runtimeRole)}`);
      }
    },
  };
}
