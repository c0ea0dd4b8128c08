import { Principal, startTestIssuer, TestIssuer } from '@custos/auth';
import { NO_BUS } from '@custos/eventstore';
import { IdempotencyModule } from '@custos/platform';
import { aggregateEventCount, createTestDatabase, initFeatureTestApp, RecordedRefusal, recordedRefusals, requestsAs, RequestsAs } from '@custos/testing';
import { INestApplication, LoggerService } from '@nestjs/common';
import { Pool } from 'pg';
import { EscalateOverdueFulfilment } from '../commands/escalate-overdue/escalate-overdue.service';
import { ExpireStaleRequests } from '../commands/expire-stale/expire-stale.service';
import { InMemoryRequestsRegistryFacts } from '../registry/in-memory-registry-facts';
import { RequestsModule } from '../requests.module';
import { RequestsModuleOptions } from '../requests.options';
import { REQUESTS_POOL } from '../requests.tokens';
import { WORLD } from '@custos/testing';
import { REQUESTS_MIGRATIONS } from '../migrations';

export const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined };

export interface RequestsTestApp {
  readonly app: INestApplication;
  readonly pool: Pool;
  /** Moves the service's clock (deadlines, windows) by this much. */
  shiftClock(ms: number): void;
  expireStale(): Promise<string[]>;
  /** One sweep of the escalation of overdue fulfilment (R16.5) at the service's clock; `<requestId>/<systemId>` recorded. */
  escalateOverdue(): Promise<string[]>;
  as(principal: Principal): Promise<RequestsAs>;
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
    app = await initFeatureTestApp('requests', issuer, [
      RequestsModule.forRoot({
        databaseUrl,
        transport: NO_BUS,
        registry: new InMemoryRequestsRegistryFacts(WORLD),
        runWorkers: false,
        coSignTimeoutMs: 60 * 60 * 1000,
        clock: () => new Date(Date.now() + shift),
        ...overrides,
      }),
      IdempotencyModule.forRoot({ databaseUrl }),
    ]);
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
    as: (principal) => requestsAs(app, issuer, principal),
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
