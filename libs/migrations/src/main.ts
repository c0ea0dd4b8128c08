import { SchemaMigration } from './migration';
import { runMigrations } from './runner';

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
