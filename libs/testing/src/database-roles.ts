import { randomBytes } from 'node:crypto';
import { runMigrations, SchemaMigration } from '@custos/migrations';
import { Client } from 'pg';
import { testInfra } from './infra';

/** A login role of the test server, with the password generated for this run. */
export interface TestRole {
  readonly name: string;
  readonly password: string;
}

/**
 * The two roles of a deployment, made on the harness's Postgres once per run: the owner, which
 * runs the migrations and owns every table and trigger, and the runtime role the services run
 * as, which may only do what the migrations grant it. Names carry a per-run suffix and the
 * passwords are generated (nothing in the repository); workers read them from the environment.
 */
export interface TestDatabaseRoles {
  readonly owner: TestRole;
  readonly runtime: TestRole;
}

const ENV_OWNER = 'CUSTOS_TEST_DB_OWNER';
const ENV_RUNTIME = 'CUSTOS_TEST_DB_RUNTIME';
const ENV_TEMPLATE = 'CUSTOS_TEST_DB_TEMPLATE';

function roleFromEnv(value: string | undefined): TestRole | undefined {
  if (!value) return undefined;
  const at = value.indexOf(':');
  return { name: value.slice(0, at), password: value.slice(at + 1) };
}

let making: Promise<TestDatabaseRoles> | undefined;

/**
 * The roles of this run, made on first use (global setup makes them before the workers start);
 * callers asking at once share one making, so no database is migrated by another call's owner.
 */
export function testDatabaseRoles(): Promise<TestDatabaseRoles> {
  const owner = roleFromEnv(process.env[ENV_OWNER]);
  const runtime = roleFromEnv(process.env[ENV_RUNTIME]);
  if (owner && runtime) return Promise.resolve({ owner, runtime });
  making ??= makeRoles().catch((error: unknown) => {
    making = undefined;
    throw error;
  });
  return making;
}

async function makeRoles(): Promise<TestDatabaseRoles> {
  const suffix = randomBytes(3).toString('hex');
  const roles: TestDatabaseRoles = {
    owner: { name: `custos_owner_${suffix}`, password: randomBytes(18).toString('base64url') },
    runtime: { name: `custos_runtime_${suffix}`, password: randomBytes(18).toString('base64url') },
  };
  await asAdmin(async (admin) => {
    for (const role of [roles.owner, roles.runtime]) {
      await admin.query(`CREATE ROLE ${role.name} LOGIN PASSWORD '${role.password}'`);
    }
  });
  process.env[ENV_OWNER] = `${roles.owner.name}:${roles.owner.password}`;
  process.env[ENV_RUNTIME] = `${roles.runtime.name}:${roles.runtime.password}`;
  return roles;
}

/** The URL of a test database as another role. */
export function databaseUrlAs(url: string, role: TestRole): string {
  const u = new URL(url);
  u.username = role.name;
  u.password = role.password;
  return u.toString();
}

/** The test server's URL of a database (as the superuser). */
export function testDatabaseUrl(name: string): string {
  const url = new URL(testInfra().databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database owned by the run's owner role (empty, or a copy of `template`). */
export async function createOwnedDatabase(name: string, template?: string): Promise<void> {
  const { owner } = await testDatabaseRoles();
  const create = () => asAdmin((admin) => admin.query(`CREATE DATABASE "${name}" OWNER ${owner.name}${template ? ` TEMPLATE "${template}"` : ''}`));
  for (let attempt = 1; ; attempt++) {
    try {
      await create();
      return;
    } catch (error) {
      // 55006: another CREATE DATABASE is copying the template at this instant; try again.
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** Applies `migrations` to a database as the owner role, granting to the runtime role: what a migration job does. */
export async function migrateTestDatabase(url: string, migrations: readonly SchemaMigration[]): Promise<string[]> {
  const { owner, runtime } = await testDatabaseRoles();
  return runMigrations({ databaseUrl: databaseUrlAs(url, owner), runtimeRole: runtime.name, migrations });
}

/**
 * Global setup: one database migrated with every set (each service's, the embedded bus's: their
 * tables do not overlap) that `createTestDatabase` copies, so every suite's database holds the
 * schema its services check for at start, made by the same migrations as a deployment's.
 */
export async function prepareTestDatabaseTemplate(sets: readonly (readonly SchemaMigration[])[]): Promise<string> {
  const name = `custos_template_${randomBytes(3).toString('hex')}`;
  await createOwnedDatabase(name);
  for (const migrations of sets) await migrateTestDatabase(testDatabaseUrl(name), migrations);
  process.env[ENV_TEMPLATE] = name;
  return name;
}

/** The template global setup prepared, if any. */
export function testDatabaseTemplate(): string | undefined {
  return process.env[ENV_TEMPLATE] || undefined;
}

async function asAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: testInfra().databaseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
