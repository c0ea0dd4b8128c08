import { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthModule, Principal, startTestIssuer, TestIssuer } from '@custos/auth';
import { EventStore } from '@custos/eventstore';
import { configureApp } from '@custos/platform';
import { aggregateEventCount, createTestDatabase } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { EventStoreAccessDenialRecorder } from '../database/event-store-access-denial.recorder';
import { registryEventStore } from '../database/registry.event-store';
import { RegistryModule } from '../registry.module';
import { DEMO_USERS } from '../seed/registry-demo.data';
import { RegistryDemoSeeder } from '../seed/registry-demo.seeder';
import { REGISTRY_MIGRATIONS } from '../migrations';

const silent: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** Who calls: a demo user (DEMO_USERS), a principal, or the bearer header `auth` gave. */
export type Caller = string | Principal | Record<string, string>;

export interface RegistryTestApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly pool: Pool;
  readonly store: EventStore;
  readonly issuer: TestIssuer;
  /** The registry's clock; tests move it. */
  now: Date;
  /** A bearer header for a demo user (DEMO_USERS) or an explicit principal. */
  auth(who: string | Principal): Promise<Record<string, string>>;
  http(): ReturnType<typeof request>;
  /** GET as a demo user, a principal or with the headers `auth` gave. */
  get(path: string, who: Caller): Promise<request.Response>;
  /** POST a body as a demo user, a principal or with the headers `auth` gave. */
  post(path: string, who: Caller, body?: object): Promise<request.Response>;
  /** Events of a type in the registry's log. */
  events(type: string): Promise<{ aggregateId: string; payload: Record<string, unknown> }[]>;
  head(): Promise<number>;
  /** Events of the registry's aggregates, refusal streams left out. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

export function demoPrincipal(username: string): Principal {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return { ...user.principal, subject: user.principal.subject ?? `dev:${username}` };
}

/** The registry module behind the real auth guards, on a fresh database of the harness's Postgres (or on `existingUrl`). */
export async function startRegistryTestApp(label: string, existingUrl?: string): Promise<RegistryTestApp> {
  const url = existingUrl ?? (await createTestDatabase(label, { migrations: REGISTRY_MIGRATIONS }));
  const pool = new Pool({ connectionString: url, max: 6 });
  pool.on('error', () => undefined);
  const issuer = await startTestIssuer();
  const store = registryEventStore(pool);
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot(issuer.authConfig(), { recorder: { useValue: new EventStoreAccessDenialRecorder(store) } }),
      RegistryModule.forRoot({ pool, clock: () => harness.now }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app, { service: 'registry', logger: silent, swagger: false });
  await app.init();
  const headersOf = async (who: Caller) =>
    typeof who === 'object' && 'authorization' in who ? (who as Record<string, string>) : harness.auth(who as string | Principal);
  const harness: RegistryTestApp = {
    app,
    url,
    pool,
    store,
    issuer,
    now: new Date('2026-03-01T08:00:00Z'),
    auth: async (who) => {
      const principal = typeof who === 'string' ? demoPrincipal(who) : who;
      return { authorization: `Bearer ${await issuer.tokenFor(principal)}` };
    },
    http: () => request(app.getHttpServer()),
    get: async (path, who) => request(app.getHttpServer()).get(path).set(await headersOf(who)),
    post: async (path, who, body) => request(app.getHttpServer()).post(path).set(await headersOf(who)).send(body),
    events: async (type) => {
      const { rows } = await pool.query('SELECT envelope FROM es_events WHERE type = $1 ORDER BY sequence', [type]);
      return rows.map((r) => ({ aggregateId: r.envelope.aggregateId, payload: r.envelope.payload }));
    },
    head: () => store.headSequence(),
    eventCount: () => aggregateEventCount(pool),
    close: async () => {
      await app.close();
      await issuer.close();
      await pool.end();
    },
  };
  return harness;
}

/** The same, with the demo registry seeded through the commands. */
export async function startSeededRegistryTestApp(label: string): Promise<RegistryTestApp> {
  const t = await startRegistryTestApp(label);
  await t.app.get(RegistryDemoSeeder).seed();
  return t;
}
