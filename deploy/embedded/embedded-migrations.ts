import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runMigrations, SchemaMigration } from '@custos/migrations';
import { Client } from 'pg';

export interface DatabaseRole {
  readonly name: string;
  readonly password: string;
}

/** The owner role (runs the migrations, owns tables and triggers) and the services' runtime role. */
export interface DatabaseRoles {
  readonly owner: DatabaseRole;
  readonly runtime: DatabaseRole;
}

/**
 * The embedded installation's two roles, their passwords generated once and kept beside the
 * data (`database-roles.json`, readable by its user only), never in the repository.
 */
export function embeddedDatabaseRoles(home: string): DatabaseRoles {
  const file = path.join(home, 'database-roles.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as DatabaseRoles;
  const roles: DatabaseRoles = {
    owner: { name: 'custos_owner', password: randomBytes(18).toString('base64url') },
    runtime: { name: 'custos_runtime', password: randomBytes(18).toString('base64url') },
  };
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(roles, null, 2)}\n`, { mode: 0o600 });
  return roles;
}

export interface EmbeddedMigrationOptions {
  readonly roles: DatabaseRoles;
  /** A database's URL as the superuser. */
  superuserUrl(database: string): string;
  /** A database's URL as one of the roles. */
  urlAs(database: string, role: DatabaseRole): string;
  readonly databases: readonly { readonly database: string; readonly migrations: readonly SchemaMigration[] }[];
  readonly log: (line: Record<string, unknown>) => void;
}

/**
 * What compose's and Kubernetes' migration jobs do, for the embedded Postgres: the two roles
 * (made, or their passwords set to the kept ones), each database owned by the owner role, and
 * its migrations applied as that role. A database made before versioned migrations (its
 * tables the superuser's) is handed to the owner first, so the first migration adopts it.
 */
export async function migrateEmbeddedDatabases(options: EmbeddedMigrationOptions): Promise<void> {
  const { roles } = options;
  await asSuperuser(options.superuserUrl('postgres'), async (admin) => {
    for (const role of [roles.owner, roles.runtime]) {
      const exists = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name])).rowCount === 1;
      const password = admin.escapeLiteral(role.password);
      await admin.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${admin.escapeIdentifier(role.name)} LOGIN PASSWORD ${password}`);
    }
    for (const { database } of options.databases) {
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(database)} OWNER TO ${admin.escapeIdentifier(roles.owner.name)}`);
    }
  });
  // The databases are independent: migrated side by side.
  await Promise.all(
    options.databases.map(async ({ database, migrations }) => {
      await asSuperuser(options.superuserUrl(database), (db) => handOver(db, roles.owner.name));
      const applied = await runMigrations({
        databaseUrl: options.urlAs(database, roles.owner),
        runtimeRole: roles.runtime.name,
        migrations,
      });
      if (applied.length > 0) options.log({ msg: 'migrations applied', database, applied });
    }),
  );
}

/** Tables and functions in `public` that another role owns (the superuser, before migrations) become the owner's. */
async function handOver(db: Client, owner: string): Promise<void> {
  const to = db.escapeIdentifier(owner);
  const tables = await db.query(
    `SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) <> $1`,
    [owner],
  );
  for (const { name } of tables.rows) await db.query(`ALTER TABLE ${name} OWNER TO ${to}`);
  const functions = await db.query(
    `SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
    [owner],
  );
  for (const { name } of functions.rows) await db.query(`ALTER FUNCTION ${name} OWNER TO ${to}`);
}

async function asSuperuser<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
