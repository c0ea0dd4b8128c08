import { MIGRATIONS_TABLE, SchemaNotMigratedError } from '@custos/migrations';
import { createTestDatabase, databaseUrlAs, migrateTestDatabase, officerPrincipal, testDatabaseRoles } from '@custos/testing';
import { Client } from 'pg';
import { APPEND_ONLY_TABLES } from '../services/ledger/src/database/ledger.schema';
import { REQUESTS_MIGRATIONS } from '../services/requests/src/migrations';
import { aRequest, startRequestsApp } from '../services/requests/src/testing/requests-app';
import { MIGRATIONS } from './migrations';

/**
 * Versioned migrations and least-privilege roles (issue 19), on the harness's real Postgres:
 * each database is migrated by its owner role, and a service runs as a runtime role that can
 * append to its event log and ledger but never rewrite them, nor change the schema.
 */
async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Tables, columns, indexes, triggers, owners and grants: what a migration may change. */
async function schemaOf(url: string): Promise<unknown> {
  const client = await connect(url);
  try {
    const { rows } = await client.query(`
      SELECT 'column' AS kind, table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS what
        FROM information_schema.columns WHERE table_schema = 'public'
      UNION ALL SELECT 'index', indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL SELECT 'trigger', tgname || ' on ' || tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal
      UNION ALL SELECT 'owner', c.relname || ' ' || pg_get_userbyid(c.relowner) FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
      UNION ALL SELECT 'grant', table_name || ' ' || grantee || ' ' || privilege_type
        FROM information_schema.role_table_grants WHERE table_schema = 'public'
      ORDER BY 1, 2`);
    return rows;
  } finally {
    await client.end();
  }
}

async function appliedMigrations(url: string): Promise<string[]> {
  const client = await connect(url);
  try {
    return (await client.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`)).rows.map((r) => r.name as string);
  } finally {
    await client.end();
  }
}

describe('schema migrations (issue 19)', () => {
  it.each(Object.keys(MIGRATIONS))('migrates an empty %s database to the latest version, each migration once, in order', async (name) => {
    const url = await createTestDatabase(`migrate-${name}`, { empty: true });
    const migrations = MIGRATIONS[name];
    expect(await migrateTestDatabase(url, migrations)).toEqual(migrations.map((m) => m.name));
    expect(await appliedMigrations(url)).toEqual(migrations.map((m) => m.name));
  });

  it('changes nothing when run again on a migrated database (idempotent)', async () => {
    const url = await createTestDatabase('migrate-twice', { empty: true });
    await migrateTestDatabase(url, REQUESTS_MIGRATIONS);
    const before = await schemaOf(url);
    expect(await migrateTestDatabase(url, REQUESTS_MIGRATIONS)).toEqual([]);
    expect(await schemaOf(url)).toEqual(before);
    expect(await appliedMigrations(url)).toEqual(REQUESTS_MIGRATIONS.map((m) => m.name));
  });

  it('two migration jobs started together apply each migration once', async () => {
    const url = await createTestDatabase('migrate-together', { empty: true });
    const [a, b] = await Promise.all([migrateTestDatabase(url, REQUESTS_MIGRATIONS), migrateTestDatabase(url, REQUESTS_MIGRATIONS)]);
    expect([...a, ...b].sort()).toEqual(REQUESTS_MIGRATIONS.map((m) => m.name).sort());
    expect(await appliedMigrations(url)).toEqual(REQUESTS_MIGRATIONS.map((m) => m.name));
  });

  it('a service refuses to start against an unmigrated database, naming what is missing and how to migrate', async () => {
    const url = await createTestDatabase('migrate-none', { empty: true });
    const started = startRequestsApp({ databaseUrl: url });
    await expect(started).rejects.toThrow(SchemaNotMigratedError);
    await expect(started).rejects.toThrow(
      new RegExp(
        `CUSTOS_SCHEMA_NOT_MIGRATED: the requests database lacks ${REQUESTS_MIGRATIONS.length} migration\\(s\\).*EventStore0001Initial.*Requests0001Initial.*migrate\\.js, or npm run migrate -- requests`,
      ),
    );
    // Nothing was created by the attempt.
    const client = await connect(url);
    const tables = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    await client.end();
    expect(tables.rows[0].n).toBe(0);
  });

  it('a service refuses a database that lacks a later migration it needs', async () => {
    const url = await createTestDatabase('migrate-behind', { empty: true });
    await migrateTestDatabase(url, REQUESTS_MIGRATIONS.slice(0, -1));
    const last = REQUESTS_MIGRATIONS[REQUESTS_MIGRATIONS.length - 1].name;
    await expect(startRequestsApp({ databaseUrl: url })).rejects.toThrow(`lacks 1 migration(s) this version needs (${last})`);
  });
});

describe('least-privilege database roles (issue 19)', () => {
  let requestsUrl: string;
  let ledgerUrl: string;
  let runtime: Client;
  let runtimeLedger: Client;

  beforeAll(async () => {
    const roles = await testDatabaseRoles();
    requestsUrl = await createTestDatabase('roles-requests', { empty: true });
    ledgerUrl = await createTestDatabase('roles-ledger', { empty: true });
    await migrateTestDatabase(requestsUrl, REQUESTS_MIGRATIONS);
    await migrateTestDatabase(ledgerUrl, MIGRATIONS.ledger);
    runtime = await connect(databaseUrlAs(requestsUrl, roles.runtime));
    runtimeLedger = await connect(databaseUrlAs(ledgerUrl, roles.runtime));
  });
  afterAll(async () => {
    await runtime?.end();
    await runtimeLedger?.end();
  });

  /** The error of a statement that must fail. */
  async function refusal(client: Client, sql: string): Promise<string> {
    const error = await client.query(sql).then(
      () => undefined,
      (e: Error) => e,
    );
    if (!error) throw new Error(`${sql} was allowed`);
    return error.message;
  }

  it.each(['UPDATE es_events SET type = type', 'DELETE FROM es_events', 'TRUNCATE es_events'])(
    'the runtime role may not rewrite the event log: %s is refused by privilege, before any trigger',
    async (sql) => {
      expect(await refusal(runtime, sql)).toBe('permission denied for table es_events');
    },
  );

  const A_COLUMN: Record<(typeof APPEND_ONLY_TABLES)[number], string> = {
    ledger_leaves: 'entry',
    ledger_nodes: 'hash',
    ledger_checkpoints: 'note',
    ledger_checkpoint_archived: 'object_key',
    ledger_rejected: 'reason',
  };
  it.each(APPEND_ONLY_TABLES.flatMap((table) => [`UPDATE ${table} SET ${A_COLUMN[table]} = ${A_COLUMN[table]}`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]))(
    'the runtime role may not rewrite the ledger: %s is refused',
    async (sql) => {
      expect(await refusal(runtimeLedger, sql)).toMatch(/^permission denied for table ledger_/);
    },
  );

  it('the runtime role can neither drop the append-only triggers nor change the schema', async () => {
    expect(await refusal(runtime, 'DROP TRIGGER es_events_no_update_delete ON es_events')).toMatch(/^must be owner of (table|relation) es_events$/);
    expect(await refusal(runtime, 'ALTER TABLE es_events DISABLE TRIGGER es_events_no_truncate')).toMatch(/^must be owner of (table|relation) es_events$/);
    expect(await refusal(runtime, 'CREATE OR REPLACE FUNCTION es_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$')).toMatch(
      /^(must be owner of function es_refuse_change|permission denied for schema public)$/,
    );
    expect(await refusal(runtime, 'CREATE TABLE stolen (x int)')).toBe('permission denied for schema public');
    expect(await refusal(runtime, 'DROP TABLE rq_requests')).toMatch(/^must be owner of (table|relation) rq_requests$/);
    expect(await refusal(runtimeLedger, 'DROP TRIGGER ledger_leaves_no_update_delete ON ledger_leaves')).toMatch(/^must be owner of (table|relation) ledger_leaves$/);
    expect(await refusal(runtime, `DELETE FROM ${MIGRATIONS_TABLE}`)).toBe(`permission denied for table ${MIGRATIONS_TABLE}`);
  });

  it("the triggers and tables belong to the owner role, which runs the migrations", async () => {
    const { owner } = await testDatabaseRoles();
    const { rows } = await runtime.query(
      `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal`,
    );
    expect(rows).toEqual([{ owner: owner.name }]);
  });

  it('the requests service works as the runtime role: a view is filed and co-signed, its events appended (R18.1–R18.3)', async () => {
    const t = await startRequestsApp({ databaseUrl: databaseUrlAs(requestsUrl, (await testDatabaseRoles()).runtime) });
    try {
      const filed = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).post('/v1/requests', aRequest());
      expect(filed.status).toBe(201);
      const coSigned = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${filed.body.requestId}/co-sign`);
      expect(coSigned.status).toBe(200);
      expect(coSigned.body.status).toBe('REGISTERED');
      // The read model (a projection, its checkpoint moved by the runtime role) shows it.
      const read = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).get(`/v1/requests/${filed.body.requestId}`);
      expect(read.status).toBe(200);
      expect(read.body.status).toBe('REGISTERED');
      expect((await runtime.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n).toBeGreaterThanOrEqual(2);
    } finally {
      await t.close();
    }
  });
});
