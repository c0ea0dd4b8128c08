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
import { REGISTRY_MIGRATIONS } from '../migrations';

const silent: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

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
  /** GET as a demo user or principal. */
  get(path: string, who: string | Principal): Promise<request.Response>;
  /** POST a body as a demo user or principal. */
  post(path: string, who: string | Principal, body?: object): Promise<request.Response>;
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
    get: async (path, who) => request(app.getHttpServer()).get(path).set(await harness.auth(who)),
    post: async (path, who, body) => request(app.getHttpServer()).post(path).set(await harness.auth(who)).send(body),
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
