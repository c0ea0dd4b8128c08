import { createPublicKey } from 'node:crypto';
import { SignedApprovalDocument, verifyApprovalDocument } from '@custos/domain';
import { aPrincipal } from '@custos/auth';
import { ApprovalCaseRepository } from './database/approval-case.repository';
import { ApprovalsTestApp, coSignedRequest, startApprovalsApp, withdrawnEvent } from './testing/approvals-app';
import { approverPrincipal, expectedDecision, headOf, malformedUuidProblem, officerPrincipal, orgById, ownerPrincipal } from '@custos/testing';

const APPROVERS = ['psb-xian', 'psb-yanta', 'psb-beilin', 'station-yanta', 'ss-yanta', 'ss-beilin', 'market-yanta'];
const REQUESTERS = ['psb-yanta', 'station-yanta', 'ss-yanta', 'market-yanta'];
const KINDS = ['COPY', 'RETRIEVE', 'DIRECT_ACCESS'];

describe('approvals over HTTP (R17.2–R17.4, R18.5, R27.1)', () => {
  let t: ApprovalsTestApp;

  beforeAll(async () => {
    t = await startApprovalsApp();
  });
  afterAll(() => t.close());

  async function openCase(requesterId: string, kind: string, filer = `${requesterId}-a`, coSigner = `${requesterId}-b`) {
    const { requestId, events } = coSignedRequest({ requesterOrg: orgById(requesterId), kind, filer, coSigner });
    await t.deliver(events);
    return requestId;
  }

  async function inQueue(approverId: string, requestId: string): Promise<boolean> {
    const res = await (await t.as(approverPrincipal(approverId))).get('/v1/approval-cases?limit=200');
    expect(res.status).toBe(200);
    return res.body.items.some((c: { requestId: string }) => c.requestId === requestId);
  }

  const matrix = REQUESTERS.flatMap((r) => KINDS.filter((k) => !(k === 'DIRECT_ACCESS' && orgById(r).type === 'OTHER_ADMIN')).map((k) => [r, k]));

  it.each(matrix)('routes a %s %s to exactly the competent heads, refuses the others with the rule code (R17.2, R17.3, R17.4)', async (requesterId, kind) => {
    const requestId = await openCase(requesterId, kind);
    const competent = APPROVERS.filter((a) => expectedDecision(requesterId, kind, a).startsWith('R17'));
    expect(competent.length).toBeGreaterThan(0);
    for (const approverId of APPROVERS) {
      expect(await inQueue(approverId, requestId)).toBe(competent.includes(approverId));
    }
    const before = await t.eventCount();
    for (const approverId of APPROVERS.filter((a) => !competent.includes(a))) {
      const res = await (await t.as(approverPrincipal(approverId))).post(`/v1/approval-cases/${requestId}/approve`);
      expect({ approverId, status: res.status, code: res.body.code }).toEqual({ approverId, status: 403, code: expectedDecision(requesterId, kind, approverId) });
      expect(res.body.rule).toMatch(/^R17\.[234]$/);
    }
    expect(await t.eventCount()).toBe(before);

    const [first, ...others] = competent;
    const approved = await (await t.as(approverPrincipal(first))).post(`/v1/approval-cases/${requestId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.rule).toBe(expectedDecision(requesterId, kind, first));
    const doc = approved.body.signedDocument.document;
    expect(doc).toMatchObject({
      requestId,
      kind,
      issuingOrganisationId: first,
      requestingOrganisationId: requesterId,
      caseReference: `CASE-${requestId.slice(0, 8)}`,
      purpose: 'investigation of a theft',
      filedBy: { personId: `${requesterId}-a` },
      coSignedBy: { personId: `${requesterId}-b` },
      signer: { personId: headOf(first), organisationId: first },
    });
    expect(doc.documentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.number).toMatch(new RegExp(`^${orgById(first).divisionCode}-\\d{3}-\\d{4}-\\d{6}$`));
    for (const approverId of others) {
      const again = await (await t.as(approverPrincipal(approverId))).post(`/v1/approval-cases/${requestId}/approve`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe(`CUSTOS_${approved.body.rule.replace('.', '_')}_CASE_NOT_OPEN`);
    }
    expect(await inQueue(first, requestId)).toBe(false);
  });

  it('refuses heads outside their term: a former and a future head of a competent organ (R17.3)', async () => {
    const requestId = await openCase('station-yanta', 'COPY');
    for (const personId of ['former-head-psb-yanta', 'future-head-psb-yanta']) {
      const res = await (await t.as(approverPrincipal('psb-yanta', personId))).post(`/v1/approval-cases/${requestId}/approve`);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'CUSTOS_R17_3_HEAD_TERM_NOT_ACTIVE', rule: 'R17.3' });
      const queue = await (await t.as(approverPrincipal('psb-yanta', personId))).get('/v1/approval-cases');
      expect(queue.body).toEqual({ head: false, items: [], nextCursor: null });
    }
  });

  it('refuses an approval outside jurisdiction: the Beilin bureau for a Yanta station (R17.3)', async () => {
    const requestId = await openCase('station-yanta', 'RETRIEVE');
    const res = await (await t.as(approverPrincipal('psb-beilin'))).post(`/v1/approval-cases/${requestId}/approve`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R17_3_OUTSIDE_JURISDICTION', rule: 'R17.3' });
  });

  it("lets the bureau where the systems stand approve another county's copy of them, and queues it there (R17.3, territorial competence)", async () => {
    const { requestId, events } = coSignedRequest({ requesterOrg: orgById('psb-beilin'), kind: 'COPY', filer: 'psb-beilin-a', coSigner: 'psb-beilin-b', systemDivisionCodes: ['610113'] });
    await t.deliver(events);
    expect(await inQueue('psb-yanta', requestId)).toBe(true);
    expect(await inQueue('psb-beilin', requestId)).toBe(true);
    const approved = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/approve`);
    expect([approved.status, approved.body.rule]).toEqual([200, 'R17.3']);
  });

  it('keeps another county\'s copy of systems outside the bureau\'s area out of its queue and refuses it (R17.3, territorial competence)', async () => {
    const { requestId, events } = coSignedRequest({ requesterOrg: orgById('psb-beilin'), kind: 'COPY', filer: 'psb-beilin-a', coSigner: 'psb-beilin-b', systemDivisionCodes: ['610113', '610103'] });
    await t.deliver(events);
    expect(await inQueue('psb-yanta', requestId)).toBe(false);
    const refused = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/approve`);
    expect(refused.body).toMatchObject({ code: 'CUSTOS_R17_3_OUTSIDE_JURISDICTION', details: { policy: 'POLICY_R17_3_TERRITORIAL_COMPETENCE' } });
  });

  it('refuses a head who co-signed the request, even though competent, and hides it from their queue (R27.1)', async () => {
    const requestId = await openCase('psb-yanta', 'COPY', 'psb-yanta-a', headOf('psb-yanta'));
    expect(await inQueue('psb-yanta', requestId)).toBe(false);
    const before = await t.eventCount();
    const res = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/approve`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R27_1_SELF_APPROVAL', rule: 'R27.1' });
    const deny = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/deny`, { reason: 'mine', rule: 'R17.1' });
    expect(deny.body.code).toBe('CUSTOS_R27_1_SELF_APPROVAL');
    expect(await t.eventCount()).toBe(before);
    expect(await inQueue('psb-xian', requestId)).toBe(true);
  });

  it('denies with a reason and the rule it rests on, both required, and records them (R26.1)', async () => {
    const requestId = await openCase('market-yanta', 'COPY');
    const api = await t.as(approverPrincipal('psb-yanta'));
    const before = await t.eventCount();
    for (const body of [{}, { rule: 'R17.1' }, { reason: '   ', rule: 'R17.1' }, { reason: 'free text alone' }, { reason: 'x', rule: 'R99.9' }, { reason: 'x', rule: 'R17.1', legalBasis: ' ' }]) {
      const refused = await api.post(`/v1/approval-cases/${requestId}/deny`, body);
      expect([refused.status, refused.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
    }
    expect(await t.eventCount()).toBe(before);
    const denied = await api.post(`/v1/approval-cases/${requestId}/deny`, {
      reason: 'the purpose does not justify a copy',
      rule: 'R17.1',
      legalBasis: 'Administrative Punishment Law, Art. 54',
    });
    expect(denied.status).toBe(200);
    const { rows } = await t.pool.query(`SELECT envelope FROM es_events WHERE aggregate_id = $1 AND type = 'approvals.ApprovalDenied'`, [requestId]);
    expect(rows[0].envelope).toMatchObject({
      schemaVersion: 2,
      payload: { rule: 'R17.1', legalBasis: 'Administrative Punishment Law, Art. 54', reason: 'the purpose does not justify a copy' },
    });
    const approve = await api.post(`/v1/approval-cases/${requestId}/approve`);
    expect(approve.body.code).toBe('CUSTOS_R17_3_CASE_NOT_OPEN');
  });

  describe('every refused decision on the record (R27.1, R26.1)', () => {
    it('records an approval by a head outside their authority on the case\'s refusals stream, the case unchanged and still decidable (R17.3, R27.1)', async () => {
      const requestId = await openCase('station-yanta', 'COPY');
      const version = async () => Number((await t.pool.query('SELECT max(aggregate_version) AS v FROM es_events WHERE aggregate_id = $1', [requestId])).rows[0].v);
      const v = await version();
      const before = (await t.refusals()).length;
      const outside = await (await t.as(approverPrincipal('psb-beilin'))).post(`/v1/approval-cases/${requestId}/approve`);
      expect(outside.body.code).toBe('CUSTOS_R17_3_OUTSIDE_JURISDICTION');
      const denied = await (await t.as(approverPrincipal('station-yanta'))).post(`/v1/approval-cases/${requestId}/deny`, { reason: 'no', rule: 'R17.1' });
      expect(denied.body.code).toBe('CUSTOS_R17_3_APPROVER_BELOW_COUNTY');
      expect(await version()).toBe(v);
      const refusals = (await t.refusals()).slice(before);
      expect(refusals).toEqual([
        expect.objectContaining({
          aggregateId: `decision-refusals:${requestId}`,
          type: 'approvals.DecisionRefused',
          actor: expect.objectContaining({ organisationId: 'psb-beilin' }),
          payload: expect.objectContaining({ step: 'APPROVE', requestId, code: 'CUSTOS_R17_3_OUTSIDE_JURISDICTION', rule: 'R17.3', actor: expect.objectContaining({ personId: headOf('psb-beilin') }) }),
        }),
        expect.objectContaining({ payload: expect.objectContaining({ step: 'DENY', code: 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY', rule: 'R17.3' }) }),
      ]);
      expect((await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/approve`)).status).toBe(200);
    });

    it("records a PSB head's refused approval of state security's direct access (R17.4, R27.1)", async () => {
      const requestId = await openCase('ss-yanta', 'DIRECT_ACCESS');
      const res = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/approve`);
      expect(res.body).toMatchObject({ code: 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN', rule: 'R17.4' });
      expect((await t.refusals()).at(-1)).toMatchObject({ payload: { step: 'APPROVE', code: 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN' } });
    });

    it('records nothing for an unknown case, which is no decision (R26.1)', async () => {
      const before = (await t.refusals()).length;
      const res = await (await t.as(approverPrincipal('psb-yanta'))).post('/v1/approval-cases/5b0e6c3e-8d0e-4c8e-9a55-9d1f0c7e1a11/approve');
      expect(res.status).toBe(404);
      expect(await t.refusals()).toHaveLength(before);
    });
  });

  it.each([
    ['approve', {}],
    ['deny', { reason: 'no', rule: 'R17.1' }],
    ['deny', { rule: 'R17.1' }],
    ['revoke', { reason: 'no' }],
  ])('refuses to %s a case whose id is not a UUID with the 400 of a malformed id, whatever the body (%j), recording nothing (R26.1)', async (action, body) => {
    const before = { events: await t.eventCount(), refusals: (await t.refusals()).length };
    const res = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/not-a-uuid/${action}`, body);
    expect(res.body).toEqual(malformedUuidProblem(`/v1/approval-cases/not-a-uuid/${action}`));
    expect({ events: await t.eventCount(), refusals: (await t.refusals()).length }).toEqual(before);
  });

  it('opens no case for a view, which needs no approval (R17.1)', async () => {
    const requestId = await openCase('psb-yanta', 'VIEW');
    const res = await (await t.as(approverPrincipal('psb-xian'))).post(`/v1/approval-cases/${requestId}/approve`);
    expect(res.status).toBe(404);
  });

  it('numbers documents per organ and year, signs them verifiably, and publishes the public key (R18.5)', async () => {
    const numbers: string[] = [];
    let signed: SignedApprovalDocument | undefined;
    for (let i = 0; i < 3; i++) {
      const requestId = await openCase('psb-beilin', 'COPY');
      const res = await (await t.as(approverPrincipal('psb-xian'))).post(`/v1/approval-cases/${requestId}/approve`);
      expect(res.status).toBe(200);
      numbers.push(res.body.signedDocument.document.number);
      signed = res.body.signedDocument;
    }
    const sequences = numbers.map((n) => Number(n.split('-')[3]));
    expect(new Set(numbers).size).toBe(3);
    expect(sequences[1] - sequences[0]).toBe(1);
    expect(sequences[2] - sequences[1]).toBe(1);
    const key = await (await t.as(officerPrincipal('psb-beilin-a', 'psb-beilin'))).get('/v1/organisations/psb-xian/approval-key');
    expect(key.status).toBe(200);
    expect(key.body.keyId).toBe(signed!.keyId);
    expect(JSON.stringify(key.body)).not.toMatch(/PRIVATE/);
    const offline = verifyApprovalDocument(signed!, { publicKey: createPublicKey(key.body.publicKeyPem), at: new Date(), revokedNumbers: new Set() });
    expect(offline.ok).toBe(true);
    const { rows } = await t.pool.query('SELECT private_key_enc FROM ap_signing_keys');
    for (const row of rows) expect(row.private_key_enc.toString('latin1')).not.toMatch(/PRIVATE KEY/);
  });

  it('numbers the documents of two organs sharing a division code apart: Yanta police and Yanta state security (R18.5)', async () => {
    const byPolice = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${await openCase('station-yanta', 'COPY')}/approve`);
    const byStateSecurity = await (await t.as(approverPrincipal('ss-yanta'))).post(`/v1/approval-cases/${await openCase('ss-yanta', 'COPY')}/approve`);
    expect([byPolice.status, byStateSecurity.status]).toEqual([200, 200]);
    const [police, stateSecurity] = [byPolice, byStateSecurity].map((r) => r.body.signedDocument.document.number.split('-'));
    expect(police[0]).toBe('610113');
    expect(stateSecurity[0]).toBe('610113');
    expect(police[1]).not.toBe(stateSecurity[1]);
    const serials = await t.pool.query("SELECT organisation_id, serial FROM ap_organ_serials WHERE division_code = '610113' ORDER BY serial");
    expect(new Set(serials.rows.map((r) => r.serial)).size).toBe(serials.rows.length);
  });

  it('lets oversight read an approval document only within its jurisdiction (R5.1, R3.1)', async () => {
    const requestId = await openCase('station-yanta', 'COPY');
    expect((await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/approve`)).status).toBe(200);
    const oversightOf = (divisionCode: string) =>
      aPrincipal({ subject: `dev:oversight.${divisionCode}`, personId: `oversight-${divisionCode}`, organisationId: `oversight-${divisionCode}`, organisationType: 'OVERSIGHT', divisionCode, roles: ['OVERSIGHT'], credentialNumber: undefined });
    const city = await (await t.as(oversightOf('610100'))).get(`/v1/approval-cases/${requestId}/document`);
    expect(city.status).toBe(200);
    expect(city.body.document.requestId).toBe(requestId);
    const beilin = await (await t.as(oversightOf('610103'))).get(`/v1/approval-cases/${requestId}/document`);
    expect(beilin.status).toBe(404);
    expect(beilin.body.code).toBe('CUSTOS_NOT_FOUND');
    const otherOfficer = await (await t.as(officerPrincipal('psb-beilin-a', 'psb-beilin'))).get(`/v1/approval-cases/${requestId}/document`);
    expect(otherOfficer.status).toBe(404);
  });

  it('revokes the document of an approved request when the request is withdrawn, once (R18.5)', async () => {
    const { requestId, events } = coSignedRequest({ requesterOrg: orgById('station-yanta'), kind: 'COPY', filer: 'station-yanta-a', coSigner: 'station-yanta-b' });
    await t.deliver(events);
    const approved = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/approve`);
    expect(approved.status).toBe(200);
    const signed: SignedApprovalDocument = approved.body.signedDocument;
    const withdrawal = withdrawnEvent(requestId, 'station-yanta-b', 3);
    await t.deliver([withdrawal, withdrawal]);
    const stream = await t.app.get(ApprovalCaseRepository).store.readStream(requestId);
    expect(stream.filter((e) => e.type === 'approvals.ApprovalDocumentRevoked')).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ number: signed.document.number, documentId: signed.document.documentId, cause: 'REQUEST_WITHDRAWN', revokedBy: 'station-yanta-b' }),
      }),
    ]);
    const verified = await (await t.as(ownerPrincipal('owner-mall'))).post('/v1/approval-documents/verify', { signedDocument: signed });
    expect(verified.body).toMatchObject({ valid: false, code: 'CUSTOS_R18_5_REVOKED', rule: 'R18.5' });
  });

  it('fails verification of a tampered document and of a revoked one, and lists the revocation (R18.5)', async () => {
    const requestId = await openCase('psb-yanta', 'RETRIEVE');
    const head = await t.as(approverPrincipal('psb-xian'));
    const approved = await head.post(`/v1/approval-cases/${requestId}/approve`);
    const signed: SignedApprovalDocument = approved.body.signedDocument;
    const anyone = await t.as(officerPrincipal('psb-beilin-a', 'psb-beilin'));

    const ok = await anyone.post('/v1/approval-documents/verify', { signedDocument: signed });
    expect(ok.body).toMatchObject({ valid: true });

    const tampered = { ...signed, document: { ...signed.document, scope: { ...signed.document.scope, cameraIds: ['cam-mall-1', 'cam-mall-2'] } } };
    const bad = await anyone.post('/v1/approval-documents/verify', { signedDocument: tampered });
    expect(bad.body).toMatchObject({ valid: false, code: 'CUSTOS_R18_5_SIGNATURE_INVALID', rule: 'R18.5' });

    const notHead = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/revoke`, { reason: 'x' });
    expect(notHead.status).toBe(403);
    const revoked = await head.post(`/v1/approval-cases/${requestId}/revoke`, { reason: 'the case was closed' });
    expect(revoked.status).toBe(200);
    const again = await head.post(`/v1/approval-cases/${requestId}/revoke`, { reason: 'twice' });
    expect(again.body.code).toBe('CUSTOS_R18_5_NOT_REVOCABLE');
    const after = await anyone.post('/v1/approval-documents/verify', { signedDocument: signed });
    expect(after.body).toMatchObject({ valid: false, code: 'CUSTOS_R18_5_REVOKED' });
    const list = await anyone.get('/v1/organisations/psb-xian/revoked-approvals');
    expect(list.body.revoked).toEqual([expect.objectContaining({ number: signed.document.number, reason: 'the case was closed' })]);
  });

  it('keeps the queue to APPROVER, oldest first, with filters and paging (R17.3)', async () => {
    const officerCall = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).get('/v1/approval-cases');
    expect(officerCall.status).toBe(403);
    const ids = [await openCase('station-yanta', 'COPY'), await openCase('station-yanta', 'RETRIEVE'), await openCase('station-yanta', 'COPY')];
    const api = await t.as(approverPrincipal('psb-yanta'));
    const all = await api.get('/v1/approval-cases?limit=200&requestingOrganisationId=station-yanta');
    const order = all.body.items.map((c: { requestId: string }) => c.requestId).filter((id: string) => ids.includes(id));
    expect(order).toEqual(ids);
    const opened = all.body.items.map((c: { openedAt: string }) => c.openedAt);
    expect([...opened].sort()).toEqual(opened);
    const copies = await api.get('/v1/approval-cases?kind=RETRIEVE&requestingOrganisationId=station-yanta');
    expect(copies.body.items.every((c: { kind: string }) => c.kind === 'RETRIEVE')).toBe(true);
    const first = await api.get('/v1/approval-cases?limit=1&requestingOrganisationId=station-yanta');
    const page = await api.get(`/v1/approval-cases?limit=1&requestingOrganisationId=station-yanta&cursor=${first.body.nextCursor}`);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].requestId).toBe(all.body.items[1].requestId);
    const bad = await api.get('/v1/approval-cases?limit=0');
    expect(bad.status).toBe(400);
  });
});
