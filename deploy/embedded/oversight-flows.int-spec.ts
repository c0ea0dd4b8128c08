import 'reflect-metadata';
import { IsString } from 'class-validator';
import { Principal } from '@custos/auth';
import {
  APPROVAL_DECISION_REFUSED,
  APPROVAL_GRANTED,
  APPROVALS_EVENTS,
  CUSTODY_EVENTS,
  CUSTODY_HAND_OVER_REFUSED,
  CUSTODY_INTEGRITY_MISMATCH_DETECTED,
  CUSTODY_PACKAGE_DELIVERY_INTERRUPTED,
  STORAGE_FOOTAGE_NOT_HELD,
  FEE_CHARGE_REFUSED,
  REQUEST_CO_SIGNED,
  REQUEST_FILED,
  REQUESTS_EVENTS,
  STORAGE_EVENTS,
  STORAGE_ORIGINAL_ALTERATION_REFUSED,
} from '@custos/contracts';
import { ProjectionRunner, EventStore } from '@custos/eventstore';
import { waitFor } from '@custos/testing';
import { RegistryTestApp, startRegistryTestApp } from '../../services/registry/src/testing/registry-test-app';
import { findingsProjection } from '../../services/oversight/src/database/findings.projection';
import { oversightEventRegistry, OVERSIGHT_SERVICE } from '../../services/oversight/src/database/oversight.event-store';
import { OversightTestStack, startOversightTestStack } from '../../services/oversight/src/testing/oversight-test-stack';

const principal = (id: string, organisationId: string, organisationType: Principal['organisationType'], divisionCode: string, roles: Principal['roles']): Principal => ({
  subject: `sub-${id}`,
  personId: id,
  organisationId,
  organisationType,
  divisionCode,
  roles,
});
/** The county PSB of Yanta district: inspects, orders and fines there (R19.1). */
const countyPsb = principal('person-insp-yanta', 'org-psb-yanta', 'PUBLIC_SECURITY', '610113', ['OVERSIGHT']);
/** A township police station: below county level (R19.1). */
const station = principal('person-insp-xiaozhai', 'org-ps-xiaozhai', 'PUBLIC_SECURITY', '610113001', ['OVERSIGHT']);
/** The county PSB of another district. */
const otherCounty = principal('person-insp-beilin', 'org-psb-beilin', 'PUBLIC_SECURITY', '610103', ['OVERSIGHT']);
/** The provincial procuratorate's supervision office: reads, never orders. */
const procuratorate = principal('person-oversight-shaanxi', 'org-oversight-shaanxi', 'OVERSIGHT', '610000', ['OVERSIGHT']);
const mall = principal('person-operator-mall', 'org-owner-mall', 'OWNER', '610113', ['OWNER_OPERATOR']);
const hotel = principal('person-operator-hotel', 'org-owner-hotel', 'OWNER', '610113', ['OWNER_OPERATOR']);

/** A payload of a type only a newer release of storage knows. */
class NewerFact {
  @IsString() note!: string;
}

/**
 * Oversight's flows through the Kafka-protocol broker on the harness's real servers: the real
 * registry (its test app) refuses a camera over HTTP, other services' events are appended to
 * their own stores and relayed, and oversight (its root module, EVENT_BUS=kafka) consumes them.
 * Here rather than beside the service, since it starts another service's code.
 */
describe('oversight through the broker (issue 20)', () => {
  let s: OversightTestStack;
  let registry: RegistryTestApp;

  beforeAll(async () => {
    s = await startOversightTestStack('oversight');
    registry = await startRegistryTestApp('oversight-registry');
    s.relay('registry', registry.url);
    const admin = await registry.auth('admin.shaanxi');
    for (const [id, type, level, divisionCode] of [
      ['org-psb-shaanxi', 'PUBLIC_SECURITY', 'PROVINCE', '610000'],
      ['org-psb-yanta', 'PUBLIC_SECURITY', 'COUNTY', '610113'],
      ['org-owner-mall', 'OWNER', 'COUNTY', '610113'],
      ['org-owner-hotel', 'OWNER', 'COUNTY', '610113'],
    ] as const) {
      const res = await registry.http().post('/v1/organisations').set(admin).send({ id, name: id, type, level, divisionCode });
      expect(res.status).toBe(201);
    }
    for (const [id, owner] of [['sys-mall', 'org-owner-mall'], ['sys-hotel', 'org-owner-hotel']]) {
      const res = await registry
        .http()
        .post('/v1/systems')
        .set(admin)
        .send({ id, ownerOrganisationId: owner, name: id, siteCategories: ['HOTELS_MALLS_VENUES_RESIDENTIAL'], divisionCode: '610113', location: 'x', inPublicPlace: true, signageShown: true });
      expect(res.status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await registry?.close();
  });

  async function findingsOf(who: Principal, query = ''): Promise<Record<string, unknown>[]> {
    const res = await (await s.as(who)).get(`/v1/findings${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  async function waitForFinding(rule: string, imageSystemId?: string): Promise<Record<string, unknown>> {
    return waitFor(
      `a finding of ${rule}`,
      async () => (await findingsOf(countyPsb, `?rule=${rule}`)).find((f) => !imageSystemId || f.imageSystemId === imageSystemId),
      60_000,
      250,
    );
  }

  it('raises a finding from a refused camera in a changing room, linked to the registry event behind it (R8.1, R22.1)', async () => {
    const admin = await registry.auth('admin.shaanxi');
    const refused = await registry.http().post('/v1/systems/sys-hotel/cameras').set(admin).send({ id: 'cam-changing', name: 'x', locationCategory: 'CHANGING_ROOM', location: 'x' });
    expect(refused.status).toBe(403);
    const finding = await waitForFinding('R8.1', 'sys-hotel');
    const [source] = await registry.events('registry.ForbiddenCameraRegistrationRefused');
    const { rows } = await registry.pool.query("SELECT id, sequence FROM es_events WHERE type = 'registry.ForbiddenCameraRegistrationRefused'");
    expect(source).toBeDefined();
    expect(finding).toMatchObject({
      origin: 'EVENT',
      rule: 'R8.1',
      penaltyRule: 'R22.1',
      code: 'CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION',
      cameraId: 'cam-changing',
      organisationId: 'org-owner-hotel',
      divisionCode: '610113',
      evidence: [
        {
          service: 'registry',
          sequence: Number(rows[0].sequence),
          eventId: rows[0].id,
          type: 'registry.ForbiddenCameraRegistrationRefused',
          inclusionProof: `/v1/ledger/proofs/inclusion?eventId=${rows[0].id}`,
        },
      ],
    });
    // The owner sees the finding about itself; another owner does not (R3.1).
    expect((await findingsOf(hotel)).map((f) => f.findingId)).toContain(finding.findingId);
    expect((await findingsOf(mall)).map((f) => f.findingId)).not.toContain(finding.findingId);
    const notVisible = await (await s.as(otherCounty)).get(`/v1/findings/${finding.findingId as string}`);
    expect([notVisible.status, notVisible.body.code]).toEqual([404, 'CUSTOS_OVERSIGHT_ACT_NOT_FOUND']);
  });

  it('raises a finding from a retention below the 30-day floor, which the registry refused and recorded without changing the system (R16.7)', async () => {
    const admin = await registry.auth('admin.shaanxi');
    const refused = await registry.http().put('/v1/systems/sys-mall/retention').set(admin).send({ retentionDays: 7 });
    expect([refused.status, refused.body.code]).toEqual([400, 'CUSTOS_R16_7_RETENTION_TOO_SHORT']);
    expect((await registry.http().get('/v1/systems/sys-mall').set(admin)).body.retentionDays).toBe(30);
    const finding = await waitForFinding('R16.7', 'sys-mall');
    const { rows } = await registry.pool.query("SELECT id, sequence FROM es_events WHERE type = 'registry.RetentionRefused'");
    expect(rows).toHaveLength(1);
    expect(finding).toMatchObject({
      origin: 'EVENT',
      rule: 'R16.7',
      code: 'CUSTOS_R16_7_RETENTION_TOO_SHORT',
      organisationId: 'org-owner-mall',
      divisionCode: '610113',
      evidence: [{ service: 'registry', sequence: Number(rows[0].sequence), eventId: rows[0].id, type: 'registry.RetentionRefused' }],
    });
  });

  it('raises findings from attempts to alter an original (R16.3) and to charge a fee (R17.5), and rides over a poison event', async () => {
    const storage = await s.foreign('storage', [...STORAGE_EVENTS, { type: 'storage.FactOfANewerRelease', schemaVersion: 1, payload: NewerFact }]);
    const requests = await s.foreign('requests', REQUESTS_EVENTS);
    // An event of a type oversight does not know, on the same partition before the attempt: a dead letter, and oversight goes on.
    await storage.append('segment:seg-unknown', 'storage.FactOfANewerRelease', { note: 'x' });
    await storage.append('segment:seg-unknown', STORAGE_ORIGINAL_ALTERATION_REFUSED, {
      segmentId: 'seg-unknown', operation: 'DELETE', code: 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE', rule: 'R16.3', exists: false,
    }, { subject: 'sub-operator-mall', personId: 'person-operator-mall', organisationId: 'org-owner-mall' });
    await requests.append('fee-refusals:req-fee', FEE_CHARGE_REFUSED, {
      ownerOrganisationId: 'org-owner-mall', attemptedBy: 'person-operator-mall', amount: 200, currency: 'CNY',
      code: 'CUSTOS_R17_5_FEE_FORBIDDEN', rule: 'R17.5', reason: 'no fee',
    });
    const alteration = await waitForFinding('R16.3');
    const dead = await s.pool.query('SELECT count(*)::int AS n FROM es_dead_letters');
    expect(dead.rows[0].n).toBe(1);
    expect(alteration).toMatchObject({ organisationId: 'org-owner-mall', divisionCode: '610113', penaltyRule: 'R25.1' });
    const fee = await waitForFinding('R17.5');
    expect(fee).toMatchObject({ organisationId: 'org-owner-mall', penaltyRule: null, evidence: [expect.objectContaining({ service: 'requests', type: FEE_CHARGE_REFUSED })] });
  });

  it('refuses an inspection by a township station and by a procuratorate, and records a county PSB’s with its findings (R19.1)', async () => {
    const body = {
      subject: { imageSystemId: 'sys-mall' },
      areas: ['INSTALLATION_SCOPE', 'INFORMATION_SECURITY'],
      inspectedAt: '2026-03-02T10:00:00+08:00',
      record: 'walked the floors; the sign at the east entrance is missing',
      findings: [{ rule: 'R11.1', description: 'no sign at the east entrance' }],
    };
    const inspections = "SELECT count(*)::int AS n FROM es_events WHERE aggregate_id LIKE 'inspection:%' OR aggregate_id LIKE 'finding:%'";
    const before = await s.pool.query(inspections);
    for (const [who, code] of [[station, 'CUSTOS_R19_1_NOT_A_COMPETENT_PSB'], [procuratorate, 'CUSTOS_R19_1_NOT_A_COMPETENT_PSB'], [otherCounty, 'CUSTOS_R19_1_OUTSIDE_JURISDICTION']] as const) {
      const res = await (await s.as(who)).post('/v1/inspections', body);
      expect([res.status, res.body.code]).toEqual([403, code]);
    }
    // A refused command changes no state.
    expect((await s.pool.query(inspections)).rows[0].n).toBe(before.rows[0].n);
    const recorded = await (await s.as(countyPsb)).post('/v1/inspections', body);
    expect(recorded.status).toBe(201);
    expect(recorded.body.findingIds).toHaveLength(1);
    const finding = await (await s.as(procuratorate)).get(`/v1/findings/${recorded.body.findingIds[0]}`);
    expect(finding.body).toMatchObject({ origin: 'INSPECTION', rule: 'R11.1', penaltyRule: 'R23.1', inspectionId: recorded.body.inspectionId, organisationId: 'org-owner-mall', divisionCode: '610113' });
  });

  it('orders removal, finds it refused, fines within the range only, and applies to the court (R22.1, R25.1)', async () => {
    const finding = await waitForFinding('R8.1', 'sys-hotel');
    const id = finding.findingId as string;
    const psb = await s.as(countyPsb);
    const wrongKind = await psb.post(`/v1/findings/${id}/orders`, { kind: 'RECTIFICATION', reasons: 'x', legalBasis: ['R8.1'], deadline: '2027-01-01T00:00:00Z' });
    expect([wrongKind.status, wrongKind.body.code]).toEqual([400, 'CUSTOS_R22_1_ORDER_KIND_MISMATCH']);
    const order = await psb.post(`/v1/findings/${id}/orders`, { kind: 'REMOVAL', reasons: 'a camera in a changing room', legalBasis: ['R8.1', 'R22.1'] });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ kind: 'REMOVAL', partyOrganisationId: 'org-owner-hotel', legalBasis: ['R8.1', 'R22.1'], issuedBy: { organisationId: 'org-psb-yanta' } });
    const orderId = order.body.orderId as string;
    const early = await psb.post(`/v1/findings/${id}/orders/${orderId}/court-applications`, { court: 'Yanta District People’s Court', reasons: 'refused' });
    expect([early.status, early.body.code]).toEqual([409, 'CUSTOS_R22_1_COURT_ONLY_FOR_REFUSED_REMOVAL']);
    expect((await psb.post(`/v1/findings/${id}/orders/${orderId}/follow-up`, { result: 'NOT_COMPLIED', notes: 'still there' })).status).toBe(200);
    const eventsBefore = (await s.pool.query('SELECT count(*)::int AS n FROM es_events WHERE aggregate_id = $1', [`finding:${id}`])).rows[0].n;
    const tooMuch = await psb.post(`/v1/findings/${id}/penalties`, { article: 'R22.1', party: 'UNIT', amountCny: 5000, orderId, responsiblePersons: [], reasons: 'refused removal', legalBasis: ['R22.1'] });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([400, 'CUSTOS_R25_1_AMOUNT_OUTSIDE_RANGE']);
    expect((await s.pool.query('SELECT count(*)::int AS n FROM es_events WHERE aggregate_id = $1', [`finding:${id}`])).rows[0].n).toBe(eventsBefore);
    const fine = await psb.post(`/v1/findings/${id}/penalties`, { article: 'R22.1', party: 'UNIT', amountCny: 800, orderId, responsiblePersons: [{ name: 'Wang', role: 'principal' }], reasons: 'refused removal', legalBasis: ['R22.1'] });
    expect(fine.status).toBe(201);
    expect(fine.body).toMatchObject({ article: 'R22.1', rangeMinCny: 500, rangeMaxCny: 1000, amountCny: 800, partyOrganisationId: 'org-owner-hotel' });
    const court = await psb.post(`/v1/findings/${id}/orders/${orderId}/court-applications`, { court: 'Yanta District People’s Court', reasons: 'the unit refused to remove' });
    expect(court.status).toBe(201);
    const view = await (await s.as(procuratorate)).get(`/v1/findings/${id}`);
    expect(view.body.acts.map((a: { kind: string; status: string }) => `${a.kind}:${a.status}`)).toEqual(['ORDER:NOT_COMPLIED', 'PENALTY:DECIDED', 'COURT_APPLICATION:APPLIED']);
  });

  it('lets only the party seek reconsideration; a quashed order is marked and nothing more rests on it (R26.1)', async () => {
    const finding = await waitForFinding('R16.3');
    const id = finding.findingId as string;
    const psb = await s.as(countyPsb);
    const order = await psb.post(`/v1/findings/${id}/orders`, { kind: 'RECTIFICATION', reasons: 'lock the originals', legalBasis: ['R16.3', 'R25.1'], deadline: '2099-01-01T00:00:00Z' });
    expect(order.status).toBe(201);
    const orderId = order.body.orderId as string;
    const early = await psb.post(`/v1/findings/${id}/orders/${orderId}/follow-up`, { result: 'NOT_COMPLIED', notes: 'x' });
    expect([early.status, early.body.code]).toEqual([409, 'CUSTOS_R23_1_PERIOD_NOT_ENDED']);
    const notParty = await (await s.as(hotel)).post(`/v1/findings/${id}/challenges`, { actKind: 'ORDER', actId: orderId, kind: 'RECONSIDERATION', body: 'Xi’an PSB', grounds: 'x' });
    expect([notParty.status, notParty.body.code]).toEqual([403, 'CUSTOS_R26_1_NOT_THE_PARTY']);
    const owner = await s.as(mall);
    const challenge = await owner.post(`/v1/findings/${id}/challenges`, { actKind: 'ORDER', actId: orderId, kind: 'RECONSIDERATION', body: 'Xi’an Municipal PSB', grounds: 'the delete was a test of the lock' });
    expect(challenge.status).toBe(201);
    const twice = await owner.post(`/v1/findings/${id}/challenges`, { actKind: 'ORDER', actId: orderId, kind: 'SUIT', body: 'court', grounds: 'x' });
    expect([twice.status, twice.body.code]).toEqual([409, 'CUSTOS_R26_1_CHALLENGE_PENDING']);
    const quashed = await psb.post(`/v1/findings/${id}/challenges/${challenge.body.challengeId as string}/outcome`, { outcome: 'QUASHED', reference: '西公复决字〔2026〕1号', notes: '' });
    expect(quashed.status).toBe(200);
    const after = await psb.post(`/v1/findings/${id}/orders/${orderId}/follow-up`, { result: 'COMPLIED', notes: 'x' });
    expect([after.status, after.body.code]).toEqual([409, 'CUSTOS_R26_1_ACT_QUASHED']);
    const view = await (await s.as(mall)).get(`/v1/findings/${id}`);
    expect(view.body.acts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'ORDER', actId: orderId, quashed: true }),
        expect.objectContaining({ kind: 'CHALLENGE', status: 'QUASHED' }),
      ]),
    );
  });

  it('reports self-approval attempts, approvals outside authority and a repeated officer pair, each figure naming its ledger entries (R27.1)', async () => {
    const approvals = await s.foreign('approvals', APPROVALS_EVENTS);
    const requests = await s.foreign('requests', REQUESTS_EVENTS);
    const refusal = (code: string, rule: string, personId: string) => ({
      code, rule, reason: 'refused', step: 'APPROVE', requestId: 'req-x', at: new Date().toISOString(),
      actor: { personId, subject: `sub-${personId}`, organisationId: 'org-psb-yanta' },
    });
    await approvals.append('decision-refusals:req-x', APPROVAL_DECISION_REFUSED, refusal('CUSTOS_R27_1_SELF_APPROVAL', 'R27.1', 'person-head-yanta'));
    await approvals.append('decision-refusals:req-x', APPROVAL_DECISION_REFUSED, refusal('CUSTOS_R17_3_OUTSIDE_JURISDICTION', 'R17.3', 'person-head-yanta'));
    for (let i = 0; i < 5; i++) {
      const now = new Date().toISOString();
      await requests.append(`req-pair-${i}`, REQUEST_FILED, {
        kind: 'VIEW', requestingOrganisation: { id: 'org-psb-yanta', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
        caseReference: `case-${i}`, purpose: 'p', imageSystemIds: ['sys-mall'], cameraIds: ['cam-1'], ownerOrganisationIds: ['org-owner-mall'],
        window: { from: '2026-01-01T00:00:00Z', to: '2026-01-01T01:00:00Z' }, filer: { personId: 'person-officer-li', credentialNumber: 'c-li' },
        filedAt: now, coSignDeadline: now,
      });
      await requests.append(`req-pair-${i}`, REQUEST_CO_SIGNED, {
        coSigner: { personId: 'person-officer-zhang', credentialNumber: 'c-zhang' }, credentialNumbers: ['c-li', 'c-zhang'], coSignedAt: now, needsApproval: false,
      });
    }
    const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const to = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const report = await waitFor(
      'three anomaly figures',
      async () => {
        const res = await (await s.as(procuratorate)).get(`/v1/anomalies?from=${from}&to=${to}`);
        return res.body.figures?.length >= 3 ? res.body : undefined;
      },
      60_000,
      250,
    );
    const kinds = report.figures.map((f: { kind: string }) => f.kind).sort();
    expect(kinds).toEqual(['OUTSIDE_AUTHORITY_ATTEMPTS', 'REPEATED_OFFICER_PAIR', 'SELF_APPROVAL_ATTEMPTS']);
    const pair = report.figures.find((f: { kind: string }) => f.kind === 'REPEATED_OFFICER_PAIR');
    expect(pair).toMatchObject({ organisationId: 'org-psb-yanta', subject: 'person-officer-li+person-officer-zhang', count: 5, rule: 'R27.1' });
    expect(pair.evidence).toHaveLength(5);
    expect(pair.evidence[0]).toMatchObject({ service: 'requests', inclusionProof: expect.stringMatching(/^\/v1\/ledger\/proofs\/inclusion\?eventId=/) });
    // Another province's oversight sees none of it (R5.1).
    const elsewhere = await (await s.as(principal('p-gansu', 'org-oversight-gansu', 'OVERSIGHT', '620000', ['OVERSIGHT']))).get(`/v1/anomalies?from=${from}&to=${to}`);
    expect(elsewhere.body.figures).toEqual([]);
    const backwards = await (await s.as(procuratorate)).get(`/v1/anomalies?from=${to}&to=${from}`);
    expect([backwards.status, backwards.body.code]).toEqual([400, 'CUSTOS_INPUT_OVERSIGHT_PERIOD_INVALID']);
  });

  it('reports requests approved long ago and never used, interrupted deliveries, integrity mismatches and uses of a revoked document, each with its ledger entries (R27.1)', async () => {
    const approvals = await s.foreign('approvals', APPROVALS_EVENTS);
    const storage = await s.foreign('storage', STORAGE_EVENTS);
    const custody = await s.foreign('custody', CUSTODY_EVENTS);
    const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 3600 * 1000).toISOString();
    const grant = (requestId: string, decidedAt: string) =>
      approvals.append(requestId, APPROVAL_GRANTED, {
        requestId, rule: 'R17.3', approver: { personId: 'person-head-yanta', organisationId: 'org-psb-yanta' },
        signedDocument: { document: { requestingOrganisationId: 'org-psb-yanta' }, signature: 'x', keyId: 'k' },
        ownerOrganisationIds: ['org-owner-mall'], decidedAt,
      });
    await grant('req-stale', daysAgo(40));
    await grant('req-answered', daysAgo(40));
    await grant('req-recent', daysAgo(5));
    // The owner answered "not held": that is progress (R16.7), so only req-stale stalls.
    await storage.append('not-held:req-answered', STORAGE_FOOTAGE_NOT_HELD, {
      answerId: 'a-1', requestId: 'req-answered', approvalDocumentNumber: '610113-001-2026-000001', issuingOrganisationId: 'org-psb-yanta',
      requestingOrganisationId: 'org-psb-yanta', organisationId: 'org-owner-mall',
      cameras: [{ cameraId: 'cam-1', imageSystemId: 'sys-mall', retentionDays: 30, reason: 'BEYOND_RETENTION' }],
      windowFrom: daysAgo(90), windowTo: daysAgo(89), answeredAt: daysAgo(39),
    });
    const officer = (personId: string) => ({ personId, subject: `sub-${personId}`, organisationId: 'org-psb-yanta', credentialNumber: `c-${personId}` });
    for (let i = 0; i < 3; i++) {
      await custody.append(`evidence-item:ei-${i}`, CUSTODY_PACKAGE_DELIVERY_INTERRUPTED, {
        deliveryId: `d-${i}`, evidenceItemId: `ei-${i}`, approvalDocumentNumber: '610113-001-2026-000001',
        officers: [officer('person-officer-li'), officer('person-officer-zhang')], requestedBy: officer('person-officer-li'),
        bytes: 1024, reason: 'CLIENT_GONE', at: daysAgo(1),
      });
    }
    await custody.append('evidence-item:ei-0', CUSTODY_INTEGRITY_MISMATCH_DETECTED, {
      during: 'RECEIPT', organisationId: 'org-psb-yanta', personId: 'person-officer-zhang', expectedSha256: 'a'.repeat(64), presentedSha256: 'b'.repeat(64), detectedAt: daysAgo(1),
    });
    await custody.append('hand-over-refusals:ei-0', CUSTODY_HAND_OVER_REFUSED, {
      evidenceItemId: 'ei-0', step: 'DELIVERY', code: 'CUSTOS_R18_5_REVOKED', rule: 'R18.5', reason: 'the document was revoked',
      officers: [{ personId: 'person-officer-li', subject: 'sub-person-officer-li', organisationId: 'org-psb-yanta' }], approvalDocumentNumber: '610113-001-2026-000001', at: daysAgo(1),
    }, { subject: 'sub-person-officer-li', personId: 'person-officer-li', organisationId: 'org-psb-yanta' });
    const from = daysAgo(60);
    const to = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const kinds = ['REQUESTS_WITHOUT_PROGRESS', 'INTERRUPTED_DELIVERIES', 'INTEGRITY_MISMATCHES', 'REVOKED_DOCUMENT_USE_ATTEMPTS'];
    const figures = await waitFor(
      'the four figures',
      async () => {
        const res = await (await s.as(procuratorate)).get(`/v1/anomalies?from=${from}&to=${to}`);
        const found = (res.body.figures ?? []).filter((f: { kind: string }) => kinds.includes(f.kind));
        return found.length === 4 ? found : undefined;
      },
      60_000,
      250,
    );
    const byKind = Object.fromEntries(figures.map((f: { kind: string }) => [f.kind, f]));
    const idOf = async (pool: typeof approvals.pool, aggregateId: string, type: string) =>
      (await pool.query('SELECT id FROM es_events WHERE aggregate_id = $1 AND type = $2', [aggregateId, type])).rows.map((r) => r.id as string);
    const [staleGrant] = await idOf(approvals.pool, 'req-stale', APPROVAL_GRANTED);
    expect(byKind.REQUESTS_WITHOUT_PROGRESS).toMatchObject({
      organisationId: 'org-psb-yanta', count: 1, threshold: 1,
      evidence: [{ service: 'approvals', eventId: staleGrant, inclusionProof: `/v1/ledger/proofs/inclusion?eventId=${staleGrant}` }],
    });
    expect(byKind.INTERRUPTED_DELIVERIES).toMatchObject({ subject: 'person-officer-li', count: 3, threshold: 3 });
    expect(byKind.INTERRUPTED_DELIVERIES.evidence.map((e: { service: string }) => e.service)).toEqual(['custody', 'custody', 'custody']);
    expect(byKind.INTEGRITY_MISMATCHES).toMatchObject({ subject: 'person-officer-zhang', count: 1 });
    const [revokedUse] = await idOf(custody.pool, 'hand-over-refusals:ei-0', CUSTODY_HAND_OVER_REFUSED);
    expect(byKind.REVOKED_DOCUMENT_USE_ATTEMPTS).toMatchObject({ subject: 'person-officer-li', evidence: [{ eventId: revokedUse }] });
  });

  it('finds a missing sign at registration and on a later photo, naming the observation; the PSB records its rectification, kept as history (R11.1, R23.1)', async () => {
    const admin = await registry.auth('admin.shaanxi');
    const unsigned = await registry.http().post('/v1/systems').set(admin).send({
      id: 'sys-nosign', ownerOrganisationId: 'org-owner-mall', name: 'car park', siteCategories: ['HOTELS_MALLS_VENUES_RESIDENTIAL'], divisionCode: '610113', location: 'x', inPublicPlace: true, signageShown: false,
    });
    expect(unsigned.status).toBe(201);
    const atRegistration = await waitForFinding('R11.1', 'sys-nosign');
    expect(atRegistration).toMatchObject({ origin: 'EVENT', penaltyRule: 'R23.1', code: 'CUSTOS_R11_1_SIGNAGE_MISSING', evidence: [expect.objectContaining({ type: 'registry.SignageMissingFound' })] });

    const owner = await registry.auth(mall);
    const sha256 = 'ab'.repeat(32);
    // The registry's clock stands at 2026-03-01T08:00Z in its test app.
    const hourAgo = '2026-02-28T10:00:00+08:00';
    const history = "SELECT count(*)::int AS n FROM es_events WHERE aggregate_id = 'image-system:sys-mall'";
    const before = (await registry.pool.query(history)).rows[0].n;
    for (const [who, body, status, code] of [
      [registry.auth(hotel), { kind: 'PHOTO', shown: false, observedAt: hourAgo, photo: { sha256 } }, 403, 'CUSTOS_AUTH_WRONG_ORGANISATION'],
      [Promise.resolve(owner), { kind: 'INSPECTION', shown: false, observedAt: hourAgo, inspectionReference: 'x' }, 403, 'CUSTOS_R11_1_INSPECTION_BY_PSB_ONLY'],
      [Promise.resolve(owner), { kind: 'PHOTO', shown: false, observedAt: hourAgo }, 400, 'CUSTOS_R11_1_PHOTO_HASH_REQUIRED'],
      [Promise.resolve(owner), { kind: 'PHOTO', shown: false, observedAt: '2099-01-01T00:00:00Z', photo: { sha256 } }, 400, 'CUSTOS_R11_1_OBSERVED_IN_FUTURE'],
    ] as const) {
      const res = await registry.http().post('/v1/systems/sys-mall/signage-evidence').set(await who).send(body);
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    // A refused observation changes nothing.
    expect((await registry.pool.query(history)).rows[0].n).toBe(before);

    const photo = await registry.http().post('/v1/systems/sys-mall/signage-evidence').set(owner).send({
      kind: 'PHOTO', shown: false, observedAt: hourAgo, photo: { sha256, mediaType: 'image/jpeg', sizeBytes: 120_000, reference: 'east-entrance.jpg' }, note: 'sign blown down',
    });
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ current: true, missingFound: true, rectifies: false, recordedByOrganisationId: 'org-owner-mall' });
    const finding = await waitFor(
      'the R11.1 finding on the photo',
      async () => (await findingsOf(countyPsb, '?rule=R11.1&origin=EVENT&imageSystemId=sys-mall'))[0],
      60_000,
      250,
    );
    const { rows } = await registry.pool.query("SELECT id, sequence, type FROM es_events WHERE aggregate_id = 'image-system:sys-mall' AND type IN ('registry.SignageMissingFound', 'registry.SignageEvidenceRecorded') ORDER BY sequence");
    expect(finding.evidence).toEqual([
      expect.objectContaining({ service: 'registry', sequence: Number(rows[1].sequence), eventId: rows[1].id, type: 'registry.SignageMissingFound' }),
      expect.objectContaining({ service: 'registry', sequence: Number(rows[0].sequence), eventId: rows[0].id, type: 'registry.SignageEvidenceRecorded' }),
    ]);

    const fixed = await registry.http().post('/v1/systems/sys-mall/signage-evidence').set(await registry.auth(countyPsb)).send({
      kind: 'INSPECTION', shown: true, observedAt: '2026-03-01T09:00:00+08:00', inspectionReference: 'insp-2026-017',
    });
    expect(fixed.status).toBe(201);
    expect(fixed.body).toMatchObject({ rectifies: true, missingFound: false });
    const signage = await registry.http().get('/v1/systems/sys-mall/signage').set(owner);
    expect(signage.status).toBe(200);
    expect(signage.body).toMatchObject({ signageShown: true, inPublicPlace: true });
    expect(signage.body.evidence.map((e: { kind: string; shown: boolean }) => `${e.kind}:${e.shown}`)).toEqual(['PHOTO:false', 'INSPECTION:true']);
    expect(signage.body.evidence[0].photo).toEqual({ sha256, mediaType: 'image/jpeg', sizeBytes: 120_000, reference: 'east-entrance.jpg' });
    const elsewhere = await registry.http().get('/v1/systems/sys-mall/signage').set(await registry.auth(otherCounty));
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'CUSTOS_AUTH_OUTSIDE_JURISDICTION']);
    // One finding for the photo, none for the rectification.
    expect(await findingsOf(countyPsb, '?rule=R11.1&origin=EVENT&imageSystemId=sys-mall')).toHaveLength(1);
  });

  it('queues a late change report for the county PSB, which alone acknowledges it, and oversight finds it late (R15.1, R24.1)', async () => {
    const admin = await registry.auth('admin.shaanxi');
    const system = await registry.http().post('/v1/systems').set(admin).send({
      id: 'sys-station', ownerOrganisationId: 'org-owner-mall', name: 'coach station', siteCategories: ['TRANSPORT_HUBS'], divisionCode: '610113', location: 'x', inPublicPlace: false, signageShown: false,
    });
    expect(system.status).toBe(201);
    const psb = await registry.auth(countyPsb);
    const site = await registry.http().post('/v1/mandatory-sites').set(psb).send({
      id: 'site-station', name: 'Yanta coach station', category: 'TRANSPORT_HUBS', address: 'Yanta Rd 1', divisionCode: '610113', dutySince: '2025-01-01T00:00:00+08:00', coveringSystemIds: ['sys-station'],
    });
    expect(site.status).toBe(201);

    const report = await registry.http().post('/v1/systems/sys-station/changes').set(admin).send({ kind: 'REMOVED', description: 'station closed', changedAt: '2025-06-01T10:00:00+08:00' });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ addressedToOrganisationId: 'org-psb-yanta', duty: 'ARTICLE_7', late: true, deadline: '2025-07-01T16:00:00.000Z' });
    const changeId = report.body.changeId as string;

    const queue = async (who: Principal, query: string) => (await registry.http().get(`/v1/facility-changes${query}`).set(await registry.auth(who))).body;
    const open = await queue(countyPsb, '?addressedTo=org-psb-yanta&acknowledged=false');
    expect(open.items).toEqual([
      expect.objectContaining({ imageSystemId: 'sys-station', systemName: 'coach station', ownerOrganisationId: 'org-owner-mall', changeId, late: true, acknowledgedAt: null, deadline: '2025-07-01T16:00:00.000Z' }),
    ]);
    expect((await queue(otherCounty, '?addressedTo=org-psb-yanta')).items).toEqual([]);

    const notAddressee = await registry.http().post(`/v1/systems/sys-station/changes/${changeId}/acknowledgement`).set(await registry.auth(otherCounty)).send();
    expect([notAddressee.status, notAddressee.body.code]).toEqual([403, 'CUSTOS_R15_1_NOT_THE_ADDRESSEE']);
    const acknowledged = await registry.http().post(`/v1/systems/sys-station/changes/${changeId}/acknowledgement`).set(psb).send();
    expect(acknowledged.status).toBe(200);
    const twice = await registry.http().post(`/v1/systems/sys-station/changes/${changeId}/acknowledgement`).set(psb).send();
    expect([twice.status, twice.body.code]).toEqual([409, 'CUSTOS_R15_1_ALREADY_ACKNOWLEDGED']);
    expect((await queue(countyPsb, '?addressedTo=org-psb-yanta&acknowledged=false')).items).toEqual([]);
    expect((await queue(countyPsb, '?addressedTo=org-psb-yanta&late=true')).items).toEqual([expect.objectContaining({ changeId, acknowledgedBy: countyPsb.personId })]);

    const late = await waitForFinding('R15.1', 'sys-station');
    const [source] = (await registry.pool.query("SELECT id, sequence FROM es_events WHERE type = 'registry.LateFacilityChangeReportFound'")).rows;
    expect(late).toMatchObject({ origin: 'EVENT', penaltyRule: 'R24.1', code: 'CUSTOS_R15_1_LATE_REPORT', organisationId: 'org-owner-mall', evidence: [expect.objectContaining({ eventId: source.id, sequence: Number(source.sequence) })] });

    // The removal left the station's site without a system since 2025-06-01: found at once, naming the removal (R7.1).
    const uncovered = await waitFor('the R7.1 finding on the station', async () => (await findingsOf(countyPsb, '?rule=R7.1')).find((f) => String(f.description).includes('site-station')), 60_000, 250);
    expect(uncovered).toMatchObject({ origin: 'EVENT', divisionCode: '610113', penaltyRule: null, evidence: [expect.objectContaining({ type: 'registry.FacilityChangeReported' })] });
  });

  it('records mandatory sites by the responsible county PSB only, lists those without a system, and oversight finds one after the grace (R7.1, R7.2, R5.1)', async () => {
    const psb = await registry.auth(countyPsb);
    const sites = "SELECT count(*)::int AS n FROM es_events WHERE aggregate_id LIKE 'mandatory-site:%'";
    const before = (await registry.pool.query(sites)).rows[0].n;
    const body = { name: 'Yanta farmers market', category: 'LOGISTICS_RESERVES_MARKETS', address: 'Market St 3', divisionCode: '610113001', dutySince: '2025-01-01T00:00:00+08:00' };
    for (const [who, payload, status, code] of [
      [station, body, 403, 'CUSTOS_R7_1_NOT_A_COUNTY_PSB'],
      [otherCounty, body, 403, 'CUSTOS_R7_1_SITE_OUTSIDE_JURISDICTION'],
      [countyPsb, { ...body, category: 'VOLUNTARY' }, 400, 'CUSTOS_R7_1_NOT_A_MANDATORY_CATEGORY'],
      [mall, body, 403, 'CUSTOS_AUTH_ROLE_REQUIRED'],
    ] as const) {
      const res = await registry.http().post('/v1/mandatory-sites').set(await registry.auth(who)).send(payload);
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    expect((await registry.pool.query(sites)).rows[0].n).toBe(before);

    const market = await registry.http().post('/v1/mandatory-sites').set(psb).send({ id: 'site-market', ...body });
    expect([market.status, market.body.rule, market.body.responsibleOrganisationId]).toEqual([201, 'R7.2', 'org-psb-yanta']);
    const mallSite = { name: 'Yanta mall', category: 'HOTELS_MALLS_VENUES_RESIDENTIAL', address: 'Mall Rd 8', divisionCode: '610113', dutySince: '2025-01-01T00:00:00+08:00' };
    // Recorded with the system already covering it: oversight never sees it uncovered.
    expect((await registry.http().post('/v1/mandatory-sites').set(psb).send({ id: 'site-mall', ...mallSite, coveringSystemIds: ['sys-mall'] })).status).toBe(201);
    const hotelSite = await registry.http().post('/v1/mandatory-sites').set(psb).send({ id: 'site-hotel', ...mallSite, name: 'Yanta hotel', dutySince: new Date().toISOString() });
    expect(hotelSite.status).toBe(201);
    const wrongCategory = await registry.http().post('/v1/mandatory-sites/site-market/coverage').set(psb).send({ imageSystemId: 'sys-mall' });
    expect([wrongCategory.status, wrongCategory.body.code]).toEqual([409, 'CUSTOS_R7_1_SYSTEM_OF_ANOTHER_CATEGORY']);
    const notResponsible = await registry.http().post('/v1/mandatory-sites/site-hotel/coverage').set(await registry.auth(otherCounty)).send({ imageSystemId: 'sys-hotel' });
    expect([notResponsible.status, notResponsible.body.code]).toEqual([403, 'CUSTOS_R7_1_NOT_THE_RESPONSIBLE_PSB']);
    expect((await registry.http().post('/v1/mandatory-sites/site-hotel/coverage').set(psb).send({ imageSystemId: 'sys-hotel' })).status).toBe(200);

    const without = await registry.http().get('/v1/mandatory-sites?covered=false').set(psb);
    expect(without.status).toBe(200);
    expect(without.body.graceDays).toBe(90);
    const byId = Object.fromEntries(without.body.items.map((i: { id: string }) => [i.id, i]));
    expect(Object.keys(byId).sort()).toEqual(['site-market', 'site-station']);
    expect(byId['site-market']).toMatchObject({ rule: 'R7.2', coveringSystemIds: [], uncoveredSince: '2024-12-31T16:00:00.000Z', dueAt: '2025-03-31T16:00:00.000Z', overdue: true });
    expect(byId['site-station']).toMatchObject({ uncoveredSince: '2025-06-01T02:00:00.000Z', overdue: true });
    const covered = await registry.http().get('/v1/mandatory-sites?covered=true').set(psb);
    expect(covered.body.items).toEqual([
      expect.objectContaining({ id: 'site-mall', coveringSystemIds: ['sys-mall'], uncoveredSince: null, overdue: false }),
      expect.objectContaining({ id: 'site-hotel', coveringSystemIds: ['sys-hotel'], uncoveredSince: null, overdue: false }),
    ]);
    expect((await registry.http().get('/v1/mandatory-sites').set(await registry.auth(otherCounty))).body.items).toEqual([]);
    expect((await registry.http().get('/v1/mandatory-sites').set(await registry.auth(mall))).body.items).toEqual([]);

    const finding = await waitForFinding('R7.2');
    const [source] = (await registry.pool.query("SELECT id, sequence FROM es_events WHERE aggregate_id = 'mandatory-site:site-market'")).rows;
    expect(finding).toMatchObject({
      origin: 'EVENT', rule: 'R7.2', penaltyRule: null, divisionCode: '610113001',
      evidence: [{ service: 'registry', sequence: Number(source.sequence), eventId: source.id, type: 'registry.MandatorySiteRegistered', inclusionProof: `/v1/ledger/proofs/inclusion?eventId=${source.id}` }],
    });
    expect(String(finding.description)).toContain('Yanta farmers market');
    // The covered sites raise nothing, and another county's oversight does not see the finding.
    expect((await findingsOf(countyPsb, '?rule=R7.1')).filter((f) => /site-(mall|hotel)/.test(String(f.description)))).toEqual([]);
    expect((await findingsOf(otherCounty, '?rule=R7.2'))).toEqual([]);
  });

  it('reports a jurisdiction’s period as JSON and as CSV with a byte-order mark, and rebuilds its findings from the log alone (R19.1, R27.1)', async () => {
    const from = new Date(Date.now() - 300 * 24 * 3600 * 1000).toISOString();
    const to = new Date(Date.now() + 3600 * 1000).toISOString();
    const reader = await s.as(procuratorate);
    const json = await reader.get(`/v1/reports?from=${from}&to=${to}`);
    expect(json.status).toBe(200);
    const rows = json.body.rows as { section: string; key: string; count: number; amountCny?: number; evidence: { service: string; sequence: number; eventId: string; inclusionProof: string }[] }[];
    expect(rows).toEqual(expect.arrayContaining([
      expect.objectContaining({ section: 'INSPECTIONS', key: 'ALL', count: 1 }),
      expect.objectContaining({ section: 'FINDINGS_BY_RULE', key: 'R8.1', count: 1 }),
      expect.objectContaining({ section: 'PENALTIES', key: 'R22.1', count: 1, amountCny: 800 }),
      expect.objectContaining({ section: 'CHALLENGES_BY_OUTCOME', key: 'QUASHED', count: 1 }),
      // The approvals of the anomaly step: one answered 40 days on, two not yet (R27.1).
      expect.objectContaining({ section: 'TIME_TO_FULFIL', key: 'OVER_30_DAYS', count: 1 }),
      expect.objectContaining({ section: 'TIME_TO_FULFIL', key: 'NOT_YET', count: 2 }),
    ]));
    // Every figure names its ledger entries: the R8.1 finding is oversight's FindingRaised event.
    const r81 = rows.find((r) => r.section === 'FINDINGS_BY_RULE' && r.key === 'R8.1')!;
    const raised = await s.pool.query("SELECT id, sequence FROM es_events WHERE type = 'oversight.FindingRaised' AND envelope::jsonb->'payload'->>'rule' = 'R8.1'");
    expect(r81.evidence).toEqual([{ service: 'oversight', sequence: Number(raised.rows[0].sequence), eventId: raised.rows[0].id, inclusionProof: `/v1/ledger/proofs/inclusion?eventId=${raised.rows[0].id}` }]);
    expect(rows.every((r) => r.evidence.length > 0 || r.count === 0)).toBe(true);
    const csv = await reader.get(`/v1/reports/csv?from=${from}&to=${to}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('division_code,from,to,section,key,count,amount_cny,ledger_entries');
    const penalty = rows.find((r) => r.section === 'PENALTIES')!;
    expect(lines).toContain(`610000,${json.body.from},${json.body.to},PENALTIES,R22.1,1,800,oversight#${penalty.evidence[0].sequence}`);

    const before = await s.pool.query('SELECT finding_id, rule, evidence FROM ov_findings ORDER BY finding_id');
    const actsBefore = await s.pool.query('SELECT kind, act_id, status, quashed FROM ov_acts ORDER BY kind, act_id');
    await new ProjectionRunner(s.pool, new EventStore(s.pool, OVERSIGHT_SERVICE, oversightEventRegistry()), findingsProjection).rebuild();
    expect((await s.pool.query('SELECT finding_id, rule, evidence FROM ov_findings ORDER BY finding_id')).rows).toEqual(before.rows);
    expect((await s.pool.query('SELECT kind, act_id, status, quashed FROM ov_acts ORDER BY kind, act_id')).rows).toEqual(actsBefore.rows);
  });

  it('answers its health, metrics and OpenAPI document like the other services', async () => {
    const http = (await s.as(procuratorate));
    expect((await http.get('/health/ready')).status).toBe(200);
    const docs = await http.get('/docs-json');
    expect(docs.body.info.title).toBe('Custos oversight');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/findings', '/inspections', '/anomalies', '/reports/csv']));
  });
});
