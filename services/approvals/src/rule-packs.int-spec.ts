import { Principal } from '@custos/auth';
import { principalOfOrganisation, WORLD } from '@custos/testing';
import { InMemoryApprovalsRegistryFacts } from './registry/in-memory-registry-facts';
import { ApprovalsTestApp, coSignedRequest, startApprovalsApp } from './testing/approvals-app';

/** A people's court of Yanta district, an organ exercising trial powers (CN2025-USE). */
const COURT = { id: 'court-yanta', type: 'JUDICIAL', level: 'COUNTY', divisionCode: '610113' } as const;
const PSB = { id: 'psb-yanta', type: 'PUBLIC_SECURITY', divisionCode: '610113' } as const;
const NATIONAL_WITH_SHAANXI = { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' };

const head = (personId: string, organisation: { id: string; type: string; divisionCode: string }): Principal =>
  principalOfOrganisation(personId, organisation, ['APPROVER']);

describe('approvals under the rule pack of place and instant (issue 21)', () => {
  let t: ApprovalsTestApp;

  beforeAll(async () => {
    const registry = new InMemoryApprovalsRegistryFacts(WORLD).seed({
      organisations: [COURT],
      headTerms: [{ personId: 'head-court-yanta', organisationId: COURT.id, from: '2020-01-01T00:00:00Z' }],
    });
    t = await startApprovalsApp({ registry });
  });
  afterAll(() => t.close());

  async function payloadOf(requestId: string, type: string): Promise<Record<string, unknown>> {
    const { rows } = await t.pool.query('SELECT envelope FROM es_events WHERE aggregate_id = $1 AND type = $2', [requestId, type]);
    return rows[0].envelope.payload;
  }

  it("routes a court's copy to the court's own head under CN2025 (policy CN2025_COPY_APPROVER), refuses the police head, and records the pack in the case, the refusal and the approval (CN2025-USE)", async () => {
    const { requestId, events } = coSignedRequest({ requesterOrg: COURT, kind: 'COPY', filer: 'court-yanta-a', coSigner: 'court-yanta-b', systemDivisionCodes: ['610113'] });
    await t.deliver(events);
    expect(await payloadOf(requestId, 'approvals.ApprovalCaseOpened')).toMatchObject({
      route: { rule: 'CN2025-USE', approverOrgTypes: ['JUDICIAL'], mustBeOrgId: COURT.id },
      rulePack: NATIONAL_WITH_SHAANXI,
    });
    // The court head's queue shows the case with the text it was routed under, as the console reads it.
    const queue = await (await t.as(head('head-court-yanta', COURT))).get('/v1/approval-cases');
    expect(queue.body.items.find((c: { requestId: string }) => c.requestId === requestId)).toMatchObject({ rule: 'CN2025-USE', rulePack: NATIONAL_WITH_SHAANXI });

    const before = (await t.refusals()).length;
    const police = await (await t.as(head('head-psb-yanta', PSB))).post(`/v1/approval-cases/${requestId}/approve`);
    expect([police.status, police.body.code, police.body.rule]).toEqual([403, 'CUSTOS_CN2025_USE_APPROVER_NOT_COMPETENT', 'CN2025-USE']);
    const [refusal] = (await t.refusals()).slice(before);
    expect(refusal.payload).toMatchObject({ code: 'CUSTOS_CN2025_USE_APPROVER_NOT_COMPETENT', rulePack: NATIONAL_WITH_SHAANXI });

    const court = await (await t.as(head('head-court-yanta', COURT))).post(`/v1/approval-cases/${requestId}/approve`);
    expect([court.status, court.body.rule]).toEqual([200, 'CN2025-USE']);
    expect(await payloadOf(requestId, 'approvals.ApprovalGranted')).toMatchObject({ rule: 'CN2025-USE', rulePack: NATIONAL_WITH_SHAANXI });
  });

  it('names the pack in the approval document itself, signed with it: the document read and its verification carry it (R18.5, issue 21)', async () => {
    const { requestId, events } = coSignedRequest({ requesterOrg: COURT, kind: 'COPY', filer: 'court-yanta-a', coSigner: 'court-yanta-b', systemDivisionCodes: ['610113'] });
    await t.deliver(events);
    const court = await t.as(head('head-court-yanta', COURT));
    const approved = await court.post(`/v1/approval-cases/${requestId}/approve`);
    expect(approved.body.signedDocument.document.rulePack).toEqual(NATIONAL_WITH_SHAANXI);
    const read = await court.get(`/v1/approval-cases/${requestId}/document`);
    expect(read.body.document.rulePack).toEqual(NATIONAL_WITH_SHAANXI);
    const verified = await court.post('/v1/approval-documents/verify', { signedDocument: read.body });
    expect(verified.body).toMatchObject({ valid: true, document: { rulePack: NATIONAL_WITH_SHAANXI } });
    const altered = { ...read.body, document: { ...read.body.document, rulePack: { id: 'SX2012', version: '1.0.0' } } };
    expect((await court.post('/v1/approval-documents/verify', { signedDocument: altered })).body).toMatchObject({ valid: false, code: 'CUSTOS_R18_5_SIGNATURE_INVALID' });
  });

  it("keeps a PSB copy in Shaanxi on the provincial route from 2025-04-01, recording the composed pack (SX2012-R17.3 stands)", async () => {
    const { requestId, events } = coSignedRequest({ requesterOrg: { ...PSB, level: 'COUNTY' }, kind: 'COPY', filer: 'psb-yanta-a', coSigner: 'psb-yanta-b', systemDivisionCodes: ['610113'] });
    await t.deliver(events);
    expect(await payloadOf(requestId, 'approvals.ApprovalCaseOpened')).toMatchObject({ route: { rule: 'R17.3' }, rulePack: NATIONAL_WITH_SHAANXI });
    const denied = await (await t.as(head('head-psb-xian', { id: 'psb-xian', type: 'PUBLIC_SECURITY', divisionCode: '610100' }))).post(
      `/v1/approval-cases/${requestId}/deny`,
      { reason: 'not needed for the case', rule: 'R17.1' },
    );
    expect(denied.status).toBe(200);
    expect(await payloadOf(requestId, 'approvals.ApprovalDenied')).toMatchObject({ rule: 'R17.1', rulePack: NATIONAL_WITH_SHAANXI });
  });

  it("lets the court's head deny a copy on the national text's own rule (CN2025-USE), recorded as such", async () => {
    const { requestId, events } = coSignedRequest({ requesterOrg: COURT, kind: 'RETRIEVE', filer: 'court-yanta-a', coSigner: 'court-yanta-b', systemDivisionCodes: ['610113'] });
    await t.deliver(events);
    const denied = await (await t.as(head('head-court-yanta', COURT))).post(`/v1/approval-cases/${requestId}/deny`, {
      reason: 'not needed for the trial',
      rule: 'CN2025-USE',
    });
    expect(denied.status).toBe(200);
    expect(await payloadOf(requestId, 'approvals.ApprovalDenied')).toMatchObject({ rule: 'CN2025-USE', rulePack: NATIONAL_WITH_SHAANXI });
  });
});
