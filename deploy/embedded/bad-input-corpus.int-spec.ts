import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@custos/platform';
import { createTestDatabase, devToken, freePort, startTestApp } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { RegistryDemoSeeder } from '../../services/registry/src/seed/registry-demo.seeder';
import { CorpusCase, casesOf, WriteOperation, writeOperationsOf } from './bad-input-corpus';
import { EMBEDDED_SERVICES } from './services';

/** Who may call a route of each role: a demo user of the development issuer. */
const USER_OF_ROLE: Record<string, string> = {
  REGISTRY_ADMIN: 'admin.shaanxi',
  APPROVER: 'head.yanta',
  OFFICER: 'officer.li',
  OWNER_OPERATOR: 'operator.mall',
  OVERSIGHT: 'oversight.shaanxi',
  SERVICE: 'service.custody',
};

const CORPUS_SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage'];

interface RunningService {
  readonly name: string;
  readonly app: INestApplication;
  readonly pool: Pool;
  readonly operations: WriteOperation[];
}

/**
 * Issue 14's bad-input corpus, kept: every write operation of registry, requests, approvals,
 * custody and storage (from their OpenAPI documents) gets the inputs that once answered 500 or
 * were wrongly accepted. Each case must be answered with its own status and code and leave the
 * service's event log as it was. The services run as `npm start` runs them (their root modules,
 * the embedded bus, the registry as development issuer) on the harness's Postgres.
 */
describe('the bad-input corpus: every bad input a coded 4xx, changing nothing (issue 14)', () => {
  const running = new Map<string, RunningService>();
  const tokens = new Map<string, string>();
  const folder = mkdtempSync(join(tmpdir(), 'custos-corpus-'));
  const figures = { cases: 0, coded4xx: 0, status5xx: 0, accepted: 0, other: 0 };
  let cases: CorpusCase[] = [];

  beforeAll(async () => {
    const ports = Object.fromEntries(await Promise.all(CORPUS_SERVICES.map(async (s) => [s, await freePort()] as const)));
    const url = (s: string) => `http://127.0.0.1:${ports[s]}`;
    const common = {
      EMBEDDED_MODE: 'true',
      EVENT_BUS: 'embedded',
      EVENT_BUS_DATABASE_URL: await createTestDatabase('corpus-bus'),
      AUTH_ISSUER: url('registry'),
      AUTH_JWKS_URL: `${url('registry')}/.well-known/jwks.json`,
      REGISTRY_URL: url('registry'),
      APPROVALS_URL: url('approvals'),
      STORAGE_URL: url('storage'),
      CUSTODY_LINK_SECRET: randomBytes(32).toString('hex'),
      CUSTODY_KEYS_DIR: join(folder, 'keys'),
      STORAGE_DRIVER: 'local',
      LOCAL_STORE_DIR: join(folder, 'store'),
      EXPORT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    // One after the other: the registry first (it issues every token), and the embedded bus's
    // schema created once.
    for (const name of CORPUS_SERVICES) {
      const service = EMBEDDED_SERVICES.find((s) => s.name === name)!;
      const databaseUrl = await createTestDatabase(`corpus-${name}`);
      const config = loadConfig(service.configClass, { ...common, PORT: String(ports[name]), DATABASE_URL: databaseUrl });
      const { app } = await startTestApp(service.rootModule(config), { service: name, port: ports[name], swagger: true });
      const pool = new Pool({ connectionString: databaseUrl, max: 2 });
      pool.on('error', () => undefined);
      const document = (await request(app.getHttpServer()).get('/docs-json')).body;
      running.set(name, { name, app, pool, operations: writeOperationsOf(name, document, app) });
      if (name === 'registry') await app.get(RegistryDemoSeeder, { strict: false }).seed();
    }
    for (const [role, user] of Object.entries(USER_OF_ROLE)) tokens.set(role, await devToken(url('registry'), user));
    cases = [...running.values()].flatMap((s) => s.operations.flatMap(casesOf));
  });

  afterAll(async () => {
    // The figures of the issue's note: cases, coded 4xx, 5xx, wrongly accepted.
    const endpoints = Object.fromEntries([...running.values()].map((s) => [s.name, s.operations.length]));
    process.stdout.write(`bad-input corpus: ${JSON.stringify({ endpoints, ...figures })}\n`);
    for (const s of [...running.values()].reverse()) {
      await s.app.close().catch(() => undefined);
      await s.pool.end().catch(() => undefined);
    }
    rmSync(folder, { recursive: true, force: true });
  });

  const eventCount = async (pool: Pool) => Number((await pool.query('SELECT count(*) AS n FROM es_events')).rows[0].n);

  const send = (c: CorpusCase) => {
    const { operation } = c;
    const server = running.get(operation.service)!.app.getHttpServer();
    const role = operation.roles[0];
    let call = request(server)[operation.method](c.url).set('authorization', c.authorization ?? `Bearer ${tokens.get(role ?? 'OFFICER')}`);
    if (c.contentType) call = call.set('content-type', c.contentType);
    // Bytes as they are: no client-side JSON encoding of a Buffer or re-encoding of a string.
    if (c.body !== undefined) call = call.serialize((b: unknown) => b as string).send(c.body as string);
    return call;
  };

  it('covers every write endpoint with at least 300 cases', () => {
    for (const name of CORPUS_SERVICES) expect(running.get(name)!.operations.length).toBeGreaterThan(0);
    const covered = new Set(cases.map((c) => `${c.operation.service} ${c.operation.method} ${c.operation.path}`));
    expect(covered.size).toBe([...running.values()].reduce((n, s) => n + s.operations.length, 0));
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it('answers each case with its status and code, and no case changes any event log', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const { pool } = running.get(c.operation.service)!;
      const before = await eventCount(pool);
      const res = await send(c);
      const after = await eventCount(pool);
      figures.cases++;
      if (res.status >= 500) figures.status5xx++;
      else if (res.status < 400) figures.accepted++;
      else if (typeof res.body?.code === 'string') figures.coded4xx++;
      else figures.other++;
      const fieldNamed =
        c.expected.property === undefined ||
        (res.body?.errors as { property: string }[] | undefined)?.some((e) => e.property === c.expected.property);
      if (res.status !== c.expected.status || res.body?.code !== c.expected.code || !fieldNamed || after !== before) {
        failures.push(`${c.label}: expected ${c.expected.status} ${c.expected.code}${c.expected.property ? ` on ${c.expected.property}` : ''}, got ${res.status} ${res.body?.code ?? res.text.slice(0, 120)}${after !== before ? `, events ${before}→${after}` : ''}`);
      }
    }
    expect(failures).toEqual([]);
    expect(figures).toMatchObject({ status5xx: 0, accepted: 0, other: 0 });
  });
});
