import { Client } from 'pg';
import { SchemaMigration } from './migration';
import { runMigrations } from './runner';
import { assertSchemaMigrated, SchemaNotMigratedError } from './schema-check';

/**
 * The body of each service's migration entry point (`node dist/services/<service>/src/migrate.js`,
 * the migration job of compose and Kubernetes): `DATABASE_URL` names the database as its owner
 * role, `DATABASE_RUNTIME_ROLE` the role the service runs as. Prints one JSON line per
 * migration applied and a summary; exits non-zero on failure.
 */
export async function migrateFromEnvironment(
  service: string,
  migrations: readonly SchemaMigration[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const log = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ service, ...line })}\n`);
  if (process.argv.includes('--check')) return waitUntilMigrated(service, migrations, env, log);
  try {
    const databaseUrl = env.DATABASE_URL;
    const runtimeRole = env.DATABASE_RUNTIME_ROLE;
    if (!databaseUrl) throw new Error('DATABASE_URL (the database as its owner role) is not set');
    if (!runtimeRole) throw new Error('DATABASE_RUNTIME_ROLE (the role the service runs as) is not set');
    const t0 = Date.now();
    const applied = await runMigrations({ databaseUrl, runtimeRole, migrations, log });
    log({ msg: 'schema migrated', applied: applied.length, latest: migrations.at(-1)?.name, ms: Date.now() - t0 });
  } catch (error) {
    process.stderr.write(`${JSON.stringify({ service, level: 'error', msg: 'migration failed', reason: (error as Error).message })}\n`);
    process.exitCode = 1;
  }
}

/**
 * `migrate.js --check` (a Kubernetes init container, with the service's own DATABASE_URL):
 * waits until every migration the service needs is applied (the migration Job ran), up to
 * MIGRATION_WAIT_MS (10 minutes); exits non-zero if they never are. Loads no TypeORM.
 */
async function waitUntilMigrated(
  service: string,
  migrations: readonly SchemaMigration[],
  env: NodeJS.ProcessEnv,
  log: (line: Record<string, unknown>) => void,
): Promise<void> {
  const deadline = Date.now() + Number(env.MIGRATION_WAIT_MS ?? 600_000);
  for (;;) {
    let reason: string;
    const client = new Client({ connectionString: env.DATABASE_URL });
    try {
      await client.connect();
      await assertSchemaMigrated(client, service, migrations);
      log({ msg: 'schema migrated', latest: migrations.at(-1)?.name });
      return;
    } catch (error) {
      reason = error instanceof SchemaNotMigratedError ? `missing ${error.missing.join(', ')}` : (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      process.stderr.write(`${JSON.stringify({ service, level: 'error', msg: 'the migrations were not applied in time', reason })}\n`);
      process.exitCode = 1;
      return;
    }
    log({ msg: 'waiting for the migration job', reason });
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}
