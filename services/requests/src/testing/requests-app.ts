import { AuthModule, Principal, startTestIssuer, TestIssuer } from '@custos/auth';
import { EventTransport } from '@custos/eventstore';
import { configureApp, IdempotencyModule } from '@custos/platform';
import { aggregateEventCount, createTestDatabase, RecordedRefusal, recordedRefusals } from '@custos/testing';
import { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { EscalateOverdueFulfilment } from '../commands/escalate-overdue/escalate-overdue.service';
import { ExpireStaleRequests } from '../commands/expire-stale/expire-stale.service';
import { InMemoryRequestsRegistryFacts } from '../registry/in-memory-registry-facts';
import { RequestsModule } from '../requests.module';
import { RequestsModuleOptions } from '../requests.options';
import { REQUESTS_POOL } from '../requests.tokens';
import { WORLD } from '@custos/testing';
import { REQUESTS_MIGRATIONS } from '../migrations';

export const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined };

const noBus: EventTransport = {
  publish: async () => undefined,
  subscribe: async () => ({ stop: async () => undefined }),
  close: async () => undefined,
};

export interface RequestsTestApp {
  readonly app: INestApplication;
  readonly pool: Pool;
  /** Moves the service's clock (deadlines, windows) by this much. */
  shiftClock(ms: number): void;
  expireStale(): Promise<string[]>;
  /** One sweep of the escalation of overdue fulfilment (R16.5) at the service's clock; `<requestId>/<systemId>` recorded. */
  escalateOverdue(): Promise<string[]>;
  as(principal: Principal): Promise<{ get(path: string): request.Test; post(path: string, body?: object, headers?: Record<string, string>): request.Test }>;
  /** Events of the requests themselves; refusals live on streams of their own (`refusals`). */
  eventCount(): Promise<number>;
  /** The refusal events recorded so far, oldest first. */
  refusals(): Promise<RecordedRefusal[]>;
  close(): Promise<void>;
}

export async function startRequestsApp(overrides: Partial<RequestsModuleOptions> = {}): Promise<RequestsTestApp> {
  const issuer: TestIssuer = await startTestIssuer();
  let shift = 0;
  const databaseUrl = overrides.databaseUrl ?? (await createTestDatabase('requests', { migrations: REQUESTS_MIGRATIONS }));
  let app: INestApplication;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot(issuer.authConfig(), { recorder: { useValue: { record: async () => undefined } } }),
        RequestsModule.forRoot({
          databaseUrl,
          transport: noBus,
          registry: new InMemoryRequestsRegistryFacts(WORLD),
          runWorkers: false,
          coSignTimeoutMs: 60 * 60 * 1000,
          clock: () => new Date(Date.now() + shift),
          ...overrides,
        }),
        IdempotencyModule.forRoot({ databaseUrl }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureApp(app, { service: 'requests', logger: quiet, swagger: false });
    await app.init();
  } catch (error) {
    // A service that refuses to start (an unmigrated database) leaves no issuer behind.
    await issuer.close();
    throw error;
  }
  const pool = app.get<Pool>(REQUESTS_POOL);
  return {
    app,
    pool,
    shiftClock: (ms) => (shift += ms),
    expireStale: () => app.get(ExpireStaleRequests).expireStale(new Date(Date.now() + shift)),
    escalateOverdue: () => app.get(EscalateOverdueFulfilment).escalateOverdue(new Date(Date.now() + shift)),
    async as(principal) {
      const token = await issuer.tokenFor(principal);
      const server = app.getHttpServer();
      return {
        get: (path) => request(server).get(path).set('authorization', `Bearer ${token}`),
        post: (path, body = {}, headers = {}) => request(server).post(path).set({ authorization: `Bearer ${token}`, ...headers }).send(body),
      };
    },
    eventCount: () => aggregateEventCount(pool),
    refusals: () => recordedRefusals(pool),
    async close() {
      await app.close();
      await issuer.close();
    },
  };
}

export function pastWindow(minutesAgoFrom = 60, minutesAgoTo = 1): { from: string; to: string } {
  const now = Date.now();
  return { from: new Date(now - minutesAgoFrom * 60_000).toISOString(), to: new Date(now - minutesAgoTo * 60_000).toISOString() };
}

export function aRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'VIEW', caseReference: 'XA-2025-0042', purpose: 'identify the suspect of a theft', cameraIds: ['cam-mall-1'], window: pastWindow(), ...overrides };
}
