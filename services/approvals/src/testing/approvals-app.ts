import { randomUUID } from 'node:crypto';
import { Principal, startTestIssuer, TestIssuer } from '@custos/auth';
import { EventEnvelope, REQUEST_CO_SIGNED, REQUEST_FILED, REQUEST_WITHDRAWN, RequestCoSigned, RequestFiled, RequestWithdrawn } from '@custos/contracts';
import { IncomingMessage, NO_BUS } from '@custos/eventstore';
import { aggregateEventCount, createTestDatabase, initFeatureTestApp, RecordedRefusal, recordedRefusals, requestsAs, RequestsAs } from '@custos/testing';
import { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import { ApprovalsModule } from '../approvals.module';
import { ApprovalsModuleOptions } from '../approvals.options';
import { APPROVALS_POOL } from '../approvals.tokens';
import { requestEventsConsumer } from '../consumers/request-events.consumer';
import { ApprovalCaseRepository } from '../database/approval-case.repository';
import { InMemoryApprovalsRegistryFacts } from '../registry/in-memory-registry-facts';
import { WORLD } from '@custos/testing';
import { APPROVALS_MIGRATIONS } from '../migrations';

/** The tests' key-encryption secret. */
export const TEST_SECRET = 'test-secret-of-sixteen-chars';

export interface ApprovalsTestApp {
  readonly app: INestApplication;
  readonly issuer: TestIssuer;
  readonly pool: Pool;
  readonly databaseUrl: string;
  as(principal: Principal): Promise<RequestsAs>;
  /** Feeds the requests service's events through the consumer's inbox path, as the bus would. */
  deliver(events: EventEnvelope[]): Promise<void>;
  /** Events of the cases themselves; refusals live on streams of their own (`refusals`). */
  eventCount(): Promise<number>;
  /** The refusal events recorded so far, oldest first. */
  refusals(): Promise<RecordedRefusal[]>;
  close(): Promise<void>;
}

export async function startApprovalsApp(overrides: Partial<ApprovalsModuleOptions> = {}, issuer?: TestIssuer): Promise<ApprovalsTestApp> {
  const ownIssuer = issuer ?? (await startTestIssuer());
  const databaseUrl = overrides.databaseUrl ?? (await createTestDatabase('approvals', { migrations: APPROVALS_MIGRATIONS }));
  const app = await initFeatureTestApp('approvals', ownIssuer, [
    ApprovalsModule.forRoot({
      databaseUrl,
      transport: NO_BUS,
      registry: new InMemoryApprovalsRegistryFacts(WORLD),
      keyEncryptionSecret: TEST_SECRET,
      runWorkers: false,
      ...overrides,
    }),
  ]);
  const pool = app.get<Pool>(APPROVALS_POOL);
  const consumer = requestEventsConsumer({ name: 'test-feed', pool, transport: NO_BUS, cases: app.get(ApprovalCaseRepository) });
  let offset = 0;
  return {
    app,
    issuer: ownIssuer,
    pool,
    databaseUrl,
    as: (principal) => requestsAs(app, ownIssuer, principal),
    async deliver(events) {
      const messages: IncomingMessage[] = events.map((e) => ({
        topic: 'custos.requests.events.v1',
        partition: 0,
        offset: String(offset++),
        key: e.aggregateId,
        eventId: e.id,
        value: Buffer.from(JSON.stringify(e)),
      }));
      await consumer.receive(messages);
    },
    eventCount: () => aggregateEventCount(pool),
    refusals: () => recordedRefusals(pool),
    async close() {
      await app.close();
      if (!issuer) await ownIssuer.close();
    },
  };
}

let sequence = 0;

/** The two events of a filed and co-signed request, as the requests service would publish them. */
export function coSignedRequest(input: {
  requesterOrg: { id: string; type: string; level: string; divisionCode: string };
  kind: string;
  filer: string;
  coSigner: string;
  requestId?: string;
  window?: { from: string; to: string };
  /** Where the systems stand, as the requests service records it (R17.3 territorial competence). */
  systemDivisionCodes?: string[];
}): { requestId: string; events: EventEnvelope[] } {
  const requestId = input.requestId ?? randomUUID();
  const now = new Date();
  const window =
    input.window ??
    (input.kind === 'DIRECT_ACCESS'
      ? { from: now.toISOString(), to: new Date(now.getTime() + 86_400_000).toISOString() }
      : { from: new Date(now.getTime() - 3_600_000).toISOString(), to: new Date(now.getTime() - 60_000).toISOString() });
  const filed: RequestFiled = {
    kind: input.kind,
    requestingOrganisation: input.requesterOrg,
    caseReference: `CASE-${requestId.slice(0, 8)}`,
    purpose: 'investigation of a theft',
    imageSystemIds: ['sys-mall'],
    cameraIds: ['cam-mall-1'],
    ownerOrganisationIds: ['owner-mall'],
    ...(input.systemDivisionCodes ? { systemDivisionCodes: input.systemDivisionCodes } : {}),
    window,
    filer: { personId: input.filer, credentialNumber: `CRED-${input.filer}` },
    filedAt: now.toISOString(),
    coSignDeadline: new Date(now.getTime() + 3_600_000).toISOString(),
  };
  const coSigned: RequestCoSigned = {
    coSigner: { personId: input.coSigner, credentialNumber: `CRED-${input.coSigner}` },
    credentialNumbers: [`CRED-${input.filer}`, `CRED-${input.coSigner}`],
    coSignedAt: now.toISOString(),
    needsApproval: input.kind !== 'VIEW',
  };
  const envelope = (type: string, version: number, payload: object, personId: string) =>
    requestEvent({ requestId, type, version, payload, personId, organisationId: input.requesterOrg.id, at: now });
  return {
    requestId,
    events: [envelope(REQUEST_FILED, 1, filed, input.filer), envelope(REQUEST_CO_SIGNED, 2, coSigned, input.coSigner)],
  };
}

function requestEvent(input: { requestId: string; type: string; version: number; payload: object; personId: string; organisationId?: string; at: Date }): EventEnvelope {
  return {
    id: randomUUID(),
    type: input.type,
    schemaVersion: 1,
    aggregateId: input.requestId,
    aggregateVersion: input.version,
    occurredAt: input.at.toISOString(),
    actor: { subject: `sub-${input.personId}`, personId: input.personId, organisationId: input.organisationId, roles: ['OFFICER'] },
    correlationId: input.requestId,
    causationId: null,
    payload: input.payload as Record<string, unknown>,
    sequence: ++sequence,
    service: 'requests',
  };
}

/** The requests service's event of a signer withdrawing the request (at aggregate version `version`). */
export function withdrawnEvent(requestId: string, personId: string, version: number): EventEnvelope {
  const at = new Date();
  const payload: RequestWithdrawn = { withdrawnBy: personId, reason: 'the suspect was found', withdrawnAt: at.toISOString() };
  return requestEvent({ requestId, type: REQUEST_WITHDRAWN, version, payload, personId, at });
}
