import { randomUUID } from 'node:crypto';
import { Principal } from '@custos/auth';
import { APPROVAL_DENIED, ApprovalDenied, EventEnvelope } from '@custos/contracts';
import { inTransaction } from '@custos/eventstore';
import { applyDecision } from './consumers/approval-decisions.consumer';
import { principalOfOrganisation, WORLD } from '@custos/testing';
import { InMemoryRequestsRegistryFacts } from './registry/in-memory-registry-facts';
import { RequestsTestApp, startRequestsApp } from './testing/requests-app';

/** 2025-04-01 00:00 Beijing time: the national regulation (CN2025) in force. */
const IN_FORCE = Date.parse('2025-04-01T00:00:00+08:00');
/** A people's court of Yanta district, an organ exercising trial powers (CN2025-USE). */
const COURT = { id: 'court-yanta', type: 'JUDICIAL', level: 'COUNTY', divisionCode: '610113' } as const;
/** Officers qualified since 2020: the fixture's officers are qualified only from about a year before today. */
const qualified = (personId: string, credentialNumber: string, organisationId: string = COURT.id) => ({
  personId,
  organisationId,
  qualification: {
    credentialNumber,
    issuedAt: '2020-01-01T00:00:00Z',
    expiresAt: '2030-01-01T00:00:00Z',
    statusHistory: [{ status: 'ACTIVE' as const, since: '2020-01-01T00:00:00Z' }],
  },
});

function principal(personId: string, credentialNumber: string, organisation: { id: string; type: string; divisionCode: string }): Principal {
  return principalOfOrganisation(personId, organisation, ['OFFICER'], credentialNumber);
}
const judgeA = principal('court-yanta-a', 'CRED-court-A', COURT);
const judgeB = principal('court-yanta-b', 'CRED-court-B', COURT);
const PSB = { id: 'psb-yanta', type: 'PUBLIC_SECURITY', divisionCode: '610113' };
const psbA = principal('psb-yanta-a', 'CRED-psb-yanta-A', PSB);
const psbB = principal('psb-yanta-b', 'CRED-psb-yanta-B', PSB);

/** A copy of an hour of the mall's footage recorded well before either instant used here. */
const aCopy = {
  kind: 'COPY',
  caseReference: '(2025)陕0113刑初17号',
  purpose: 'evidence for a criminal trial',
  cameraIds: ['cam-mall-1'],
  window: { from: '2025-03-30T10:00:00+08:00', to: '2025-03-30T11:00:00+08:00' },
};

describe('requests under the rule pack of place and instant (issue 21)', () => {
  let t: RequestsTestApp;
  let now = IN_FORCE;

  beforeAll(async () => {
    const registry = new InMemoryRequestsRegistryFacts(WORLD).seed({
      organisations: [COURT],
      officers: [
        qualified(judgeA.personId, 'CRED-court-A'),
        qualified(judgeB.personId, 'CRED-court-B'),
        qualified(psbA.personId, 'CRED-psb-yanta-A', 'psb-yanta'),
        qualified(psbB.personId, 'CRED-psb-yanta-B', 'psb-yanta'),
      ],
    });
    t = await startRequestsApp({ registry, clock: () => new Date(now) });
  });
  afterAll(() => t.close());

  async function payloadsOf(requestId: string, type: string): Promise<Record<string, unknown>[]> {
    const { rows } = await t.pool.query('SELECT envelope FROM es_events WHERE aggregate_id = $1 AND type = $2', [requestId, type]);
    return rows.map((r) => r.envelope.payload);
  }

  it('lets a judicial organ file and co-sign a copy from 2025-04-01 in Shaanxi, recording the pack CN2025+SX2012 (CN2025-USE)', async () => {
    now = IN_FORCE;
    const filed = await (await t.as(judgeA)).post('/v1/requests', aCopy);
    expect(filed.status).toBe(201);
    const coSigned = await (await t.as(judgeB)).post(`/v1/requests/${filed.body.requestId}/co-sign`);
    expect(coSigned.body).toMatchObject({ status: 'AWAITING_APPROVAL', credentialNumbers: ['CRED-court-A', 'CRED-court-B'] });
    const pack = { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' };
    expect((await payloadsOf(filed.body.requestId, 'requests.RequestFiled'))[0]).toMatchObject({ rulePack: pack });
    expect((await payloadsOf(filed.body.requestId, 'requests.RequestCoSigned'))[0]).toMatchObject({ rulePack: pack });
  });

  it('refuses the same copy one millisecond before 2025-04-01, under SX2012 alone, and the refusal records SX2012 (SX2012-R17.1)', async () => {
    now = IN_FORCE - 1;
    const before = (await t.refusals()).length;
    const refused = await (await t.as(judgeA)).post('/v1/requests', aCopy);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED', rule: 'R17.1' });
    const recorded = (await t.refusals()).slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0].payload).toMatchObject({ code: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED', rulePack: { id: 'SX2012', version: '1.0.0' } });
  });

  it('files a PSB copy before 2025-04-01 under SX2012 and records it (SX2012-R17.3 routes it)', async () => {
    now = IN_FORCE - 1;
    const filed = await (await t.as(psbA)).post('/v1/requests', aCopy);
    expect(filed.status).toBe(201);
    expect((await payloadsOf(filed.body.requestId, 'requests.RequestFiled'))[0]).toMatchObject({ rulePack: { id: 'SX2012', version: '1.0.0' } });
  });

  it('records the pack of the instant of each act: a copy filed before 2025-04-01 and co-signed after is co-signed under CN2025+SX2012', async () => {
    now = IN_FORCE - 60_000;
    const filed = await (await t.as(psbA)).post('/v1/requests', aCopy);
    now = IN_FORCE + 60_000;
    expect((await (await t.as(psbB)).post(`/v1/requests/${filed.body.requestId}/co-sign`)).status).toBe(200);
    expect((await payloadsOf(filed.body.requestId, 'requests.RequestFiled'))[0]).toMatchObject({ rulePack: { id: 'SX2012' } });
    expect((await payloadsOf(filed.body.requestId, 'requests.RequestCoSigned'))[0]).toMatchObject({ rulePack: { id: 'CN2025+SX2012' } });
    // The request's timeline shows each step's pack, as the console reads it.
    const view = await (await t.as(psbA)).get(`/v1/requests/${filed.body.requestId}`);
    expect(view.body.history.map((h: { status: string; rulePack?: { id: string } }) => [h.status, h.rulePack?.id])).toEqual([
      ['AWAITING_CO_SIGNATURE', 'SX2012'],
      ['AWAITING_APPROVAL', 'CN2025+SX2012'],
    ]);
  });

  it("shows the decision's pack on the request and its timeline, as approvals recorded it", async () => {
    now = IN_FORCE + 60_000;
    const filed = await (await t.as(psbA)).post('/v1/requests', aCopy);
    await (await t.as(psbB)).post(`/v1/requests/${filed.body.requestId}/co-sign`);
    const denied: ApprovalDenied = {
      requestId: filed.body.requestId,
      rule: 'R17.3',
      reason: 'no case',
      approver: { personId: 'person-head-yanta', organisationId: 'psb-yanta' },
      decidedAt: new Date(now).toISOString(),
      rulePack: { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' },
    } as ApprovalDenied;
    const envelope = { id: randomUUID(), type: APPROVAL_DENIED, aggregateId: filed.body.requestId, payload: denied } as unknown as EventEnvelope;
    await inTransaction(t.pool, (tx) => applyDecision(envelope, tx));
    const view = await (await t.as(psbA)).get(`/v1/requests/${filed.body.requestId}`);
    expect(view.body.decision).toMatchObject({ decision: 'DENIED', rulePack: { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' } });
    expect(view.body.history.at(-1)).toMatchObject({ status: 'DENIED', rulePack: { id: 'CN2025+SX2012' } });
  });
});
