import { randomUUID } from 'node:crypto';
import { APPROVAL_GRANTED, ApprovalGranted, CUSTODY_VIEWING_SESSION_OPENED, EventEnvelope, STORAGE_EXPORT_PACKAGED } from '@custos/contracts';
import { inTransaction } from '@custos/eventstore';
import { applyDecision } from './consumers/approval-decisions.consumer';
import { applyViewingSession } from './consumers/custody-viewing.consumer';
import { applyExport } from './consumers/storage-exports.consumer';
import { aRequest, pastWindow, RequestsTestApp, startRequestsApp } from './testing/requests-app';
import { Principal } from '@custos/auth';
import { malformedUuidProblem, officerPrincipal, ownerPrincipal, principalFor, approverPrincipal } from '@custos/testing';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('requests over HTTP (R17.1, R17.4, R17.5, R18.1–R18.3)', () => {
  let t: RequestsTestApp;

  beforeAll(async () => {
    t = await startRequestsApp();
  });
  afterAll(() => t.close());

  async function file(filer: string, org: string, body: Record<string, unknown> = aRequest()) {
    const res = await (await t.as(officerPrincipal(filer, org))).post('/v1/requests', body);
    return res;
  }

  async function filed(filer = 'psb-yanta-a', org = 'psb-yanta', body?: Record<string, unknown>): Promise<string> {
    const res = await file(filer, org, body);
    expect(res.status).toBe(201);
    return res.body.requestId;
  }

  it('registers a view once a second officer of the same organ co-signs, recording both credentials (R18.1–R18.3)', async () => {
    const id = await filed();
    const coSign = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
    expect(coSign.status).toBe(200);
    expect(coSign.body).toEqual({ requestId: id, status: 'REGISTERED', credentialNumbers: ['CRED-psb-yanta-A', 'CRED-psb-yanta-B'] });
    const mine = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).get(`/v1/requests/${id}`);
    expect(mine.body).toMatchObject({ status: 'REGISTERED', credentialNumbers: ['CRED-psb-yanta-A', 'CRED-psb-yanta-B'], ownerOrganisationIds: ['owner-mall'] });
    expect(mine.body.history.map((h: { status: string }) => h.status)).toEqual(['AWAITING_CO_SIGNATURE', 'REGISTERED']);
    const queue = await (await t.as(ownerPrincipal('owner-mall'))).get('/v1/owners/owner-mall/fulfilment-queue');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: { requestId: string }) => i.requestId === id);
    expect(item).toMatchObject({ kind: 'VIEW', status: 'REGISTERED' });
    expect(item.ageMs).toBeGreaterThanOrEqual(0);
    const otherOwner = await (await t.as(ownerPrincipal('owner-mall'))).get('/v1/owners/psb-yanta/fulfilment-queue');
    expect(otherOwner.status).toBe(403);
  });

  it("gives each item of the owner's fulfilment queue its deadline by kind, and shows it overdue past it (R16.5)", async () => {
    const id = await filed();
    await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
    const itemOf = async () =>
      ((await (await t.as(ownerPrincipal('owner-mall'))).get('/v1/owners/owner-mall/fulfilment-queue?limit=200')).body.items as Array<{ requestId: string; readySince: string; fulfilBy: string; overdue: boolean }>).find(
        (i) => i.requestId === id,
      )!;
    const before = await itemOf();
    // A view: 24 hours by default from the moment it was registered.
    expect(Date.parse(before.fulfilBy) - Date.parse(before.readySince)).toBe(DAY);
    expect(before.overdue).toBe(false);
    t.shiftClock(DAY + 1000);
    try {
      expect((await itemOf()).overdue).toBe(true);
    } finally {
      t.shiftClock(-(DAY + 1000));
    }
  });

  it('records where the targeted systems stand, for the approvers\' territorial competence (R17.3)', async () => {
    const id = await filed('psb-beilin-a', 'psb-beilin', aRequest({ kind: 'COPY' }));
    const { rows } = await t.pool.query(`SELECT envelope FROM es_events WHERE aggregate_id = $1 AND type = 'requests.RequestFiled'`, [id]);
    expect(rows[0].envelope.payload.systemDivisionCodes).toEqual(['610113']);
  });

  it('sends a co-signed copy to approval, not to the owner (R17.3)', async () => {
    const id = await filed('psb-yanta-a', 'psb-yanta', aRequest({ kind: 'COPY' }));
    const coSign = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
    expect(coSign.body.status).toBe('AWAITING_APPROVAL');
    const queue = await (await t.as(ownerPrincipal('owner-mall'))).get('/v1/owners/owner-mall/fulfilment-queue?limit=200');
    expect(queue.body.items.some((i: { requestId: string }) => i.requestId === id)).toBe(false);
  });

  it("keeps an approved direct access out of the owner's fulfilment queue, where an approved copy lands: custody's sessions execute it (R17.4, R16.5)", async () => {
    const grant = { from: new Date().toISOString(), to: new Date(Date.now() + DAY).toISOString() };
    const direct = await filed('psb-yanta-a', 'psb-yanta', aRequest({ kind: 'DIRECT_ACCESS', window: grant }));
    const copy = await filed('psb-yanta-a', 'psb-yanta', aRequest({ kind: 'COPY' }));
    for (const id of [direct, copy]) {
      expect((await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`)).body.status).toBe('AWAITING_APPROVAL');
      const granted: ApprovalGranted = {
        requestId: id,
        rule: id === direct ? 'R17.4' : 'R17.3',
        approver: { personId: 'person-head-yanta', organisationId: 'psb-yanta' },
        signedDocument: { document: { number: `610113-001-2026-${id.slice(0, 6)}` } },
        ownerOrganisationIds: ['owner-mall'],
        decidedAt: new Date().toISOString(),
      };
      await inTransaction(t.pool, (tx) => applyDecision({ id: randomUUID(), type: APPROVAL_GRANTED, aggregateId: id, payload: granted } as unknown as EventEnvelope, tx));
    }
    const queue = await (await t.as(ownerPrincipal('owner-mall'))).get('/v1/owners/owner-mall/fulfilment-queue?limit=200');
    const queued = queue.body.items.map((i: { requestId: string }) => i.requestId);
    expect(queued).toContain(copy);
    expect(queued).not.toContain(direct);
    expect((await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).get(`/v1/requests/${direct}`)).body.status).toBe('APPROVED');
  });

  it('refuses a request from an owner, which is not an enforcement organ (R17.1)', async () => {
    const before = await t.eventCount();
    const res = await (await t.as(principalFor('owner-mall-x', 'owner-mall', ['OFFICER']))).post('/v1/requests', aRequest());
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED', rule: 'R17.1' });
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses direct access to another administrative department, allows it to a PSB (R17.4)', async () => {
    const grant = { from: new Date().toISOString(), to: new Date(Date.now() + DAY).toISOString() };
    const refused = await file('market-yanta-a', 'market-yanta', aRequest({ kind: 'DIRECT_ACCESS', window: grant }));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED', rule: 'R17.4' });
    expect((await file('psb-yanta-a', 'psb-yanta', aRequest({ kind: 'DIRECT_ACCESS', window: grant }))).status).toBe(201);
    const tooLong = await file('psb-yanta-a', 'psb-yanta', aRequest({ kind: 'DIRECT_ACCESS', window: { ...grant, to: new Date(Date.now() + 30 * DAY).toISOString() } }));
    expect(tooLong.body.code).toBe('CUSTOS_R17_4_GRANT_TOO_LONG');
  });

  it('accepts a request for footage older than 30 days: retention is a floor, not a cut-off (R16.7)', async () => {
    const now = Date.now();
    for (const daysAgo of [31, 400]) {
      const window = { from: new Date(now - daysAgo * DAY).toISOString(), to: new Date(now - (daysAgo - 1) * DAY).toISOString() };
      expect((await file('psb-yanta-a', 'psb-yanta', aRequest({ kind: 'COPY', window }))).status).toBe(201);
    }
  });

  describe('every refusal on the record (R26.1, R27.1)', () => {
    it('records a refused filing with actor, code, rule and reason on the organ\'s filing-refusals stream, filing nothing (R17.1, R26.1)', async () => {
      const before = { events: await t.eventCount(), refusals: (await t.refusals()).length };
      const res = await (await t.as(principalFor('owner-mall-x', 'owner-mall', ['OFFICER']))).post('/v1/requests', aRequest({ kind: 'COPY' }));
      expect(res.status).toBe(403);
      expect(await t.eventCount()).toBe(before.events);
      const refusals = await t.refusals();
      expect(refusals).toHaveLength(before.refusals + 1);
      expect(refusals.at(-1)).toMatchObject({
        aggregateId: 'filing-refusals:owner-mall',
        type: 'requests.RequestStepRefused',
        actor: { subject: 'sub-owner-mall-x', organisationId: 'owner-mall' },
        payload: {
          step: 'FILE',
          kind: 'COPY',
          cameraIds: ['cam-mall-1'],
          code: 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED',
          rule: 'R17.1',
          reason: expect.stringMatching(/\w/),
          actor: { personId: 'owner-mall-x', organisationId: 'owner-mall' },
          at: expect.any(String),
        },
      });
    });

    it("records a refused co-signature beside the request, whose own stream is untouched, so the real co-signature still succeeds (R18.1, R26.1)", async () => {
      const id = await filed();
      const version = async () => Number((await t.pool.query('SELECT max(aggregate_version) AS v FROM es_events WHERE aggregate_id = $1', [id])).rows[0].v);
      const v = await version();
      const refused = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
      expect(refused.body.code).toBe('CUSTOS_R18_1_SAME_OFFICER_TWICE');
      expect(await version()).toBe(v);
      expect((await t.refusals()).at(-1)).toMatchObject({
        aggregateId: `request-refusals:${id}`,
        payload: { step: 'CO_SIGN', requestId: id, code: 'CUSTOS_R18_1_SAME_OFFICER_TWICE', rule: 'R18.1', actor: { personId: 'psb-yanta-a' } },
      });
      const coSigned = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
      expect(coSigned.status).toBe(200);
    });

    it('records a refused withdrawal by an officer who did not sign (R18.1, R26.1)', async () => {
      const id = await filed();
      const res = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/withdraw`, { reason: 'not mine' });
      expect(res.body.code).toBe('CUSTOS_R18_1_NOT_A_SIGNER');
      expect((await t.refusals()).at(-1)).toMatchObject({ aggregateId: `request-refusals:${id}`, payload: { step: 'WITHDRAW', code: 'CUSTOS_R18_1_NOT_A_SIGNER' } });
    });

    it("refuses a validly signed token whose organisation or division the registry does not hold for its bearer, records it and changes nothing: filing, co-signing, withdrawing, the fee attempt and the owner's queue (R3.1, R5.1, issue 16)", async () => {
      const id = await filed();
      const version = async () => Number((await t.pool.query('SELECT max(aggregate_version) AS v FROM es_events WHERE aggregate_id = $1', [id])).rows[0].v);
      const before = { version: await version(), events: await t.eventCount(), refusals: (await t.refusals()).length };
      // Yanta's officers and the mall's operator, with Xi'an city's division in place of Yanta's (610113).
      const inXian = (principal: Principal): Principal => ({ ...principal, divisionCode: '610100' });
      // A Yanta officer's token claiming to operate the mall's systems: the registry holds no such operator.
      const notTheMallsOperator = principalFor('psb-yanta-a', 'owner-mall', ['OWNER_OPERATOR']);
      const DIVISION = 'CUSTOS_R5_1_CLAIMED_DIVISION_NOT_IN_REGISTRY';
      const ORGANISATION = 'CUSTOS_R3_1_CLAIMED_ORGANISATION_NOT_IN_REGISTRY';
      const answers = [
        [await (await t.as(inXian(officerPrincipal('psb-yanta-a', 'psb-yanta')))).post('/v1/requests', aRequest()), DIVISION],
        [await (await t.as(inXian(officerPrincipal('psb-yanta-b', 'psb-yanta')))).post(`/v1/requests/${id}/co-sign`), DIVISION],
        [await (await t.as(inXian(officerPrincipal('psb-yanta-a', 'psb-yanta')))).post(`/v1/requests/${id}/withdraw`, { reason: 'x' }), DIVISION],
        [await (await t.as(notTheMallsOperator)).post(`/v1/requests/${id}/fee`, { amount: 50, currency: 'CNY' }), ORGANISATION],
        [await (await t.as(inXian(ownerPrincipal('owner-mall')))).post(`/v1/requests/${id}/fee`, { amount: 50, currency: 'CNY' }), DIVISION],
        [await (await t.as(notTheMallsOperator)).get('/v1/owners/owner-mall/fulfilment-queue'), ORGANISATION],
        [await (await t.as(inXian(ownerPrincipal('owner-mall')))).get('/v1/owners/owner-mall/fulfilment-queue'), DIVISION],
      ] as const;
      expect(answers.map(([res]) => [res.status, res.body.code])).toEqual(answers.map(([, code]) => [403, code]));
      // Nothing filed, signed, withdrawn, nor a fee attempt recorded in the mall's name.
      expect(await t.eventCount()).toBe(before.events);
      expect(await version()).toBe(before.version);
      const recorded = (await t.refusals()).slice(before.refusals);
      expect(recorded.map((r) => [r.payload.step, r.payload.code, r.payload.rule])).toEqual([
        ['FILE', DIVISION, 'R5.1'],
        ['CO_SIGN', DIVISION, 'R5.1'],
        ['WITHDRAW', DIVISION, 'R5.1'],
        ['FEE', ORGANISATION, 'R3.1'],
        ['FEE', DIVISION, 'R5.1'],
      ]);
      expect(recorded[3]).toMatchObject({ aggregateId: `request-refusals:${id}`, payload: { requestId: id, actor: { personId: 'psb-yanta-a', organisationId: 'owner-mall' } } });
      // The same people with the registry's facts still act.
      expect((await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`)).status).toBe(200);
      expect((await (await t.as(ownerPrincipal('owner-mall'))).get('/v1/owners/owner-mall/fulfilment-queue')).status).toBe(200);
    });

    it('records nothing for a malformed body or an unknown request, which are no acts on a request (R26.1)', async () => {
      const before = (await t.refusals()).length;
      const api = await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'));
      expect((await api.post('/v1/requests', { ...aRequest(), kind: 'EXPORT' })).body.code).toBe('CUSTOS_VALIDATION_FAILED');
      expect((await api.post('/v1/requests/5b0e6c3e-8d0e-4c8e-9a55-9d1f0c7e1a11/co-sign')).status).toBe(404);
      expect(await t.refusals()).toHaveLength(before);
    });
  });

  it('refuses the same officer signing twice (R18.1)', async () => {
    const id = await filed();
    const before = await t.eventCount();
    const res = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R18_1_SAME_OFFICER_TWICE', rule: 'R18.1' });
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a co-signer of another organ under the default policy officersOfOneOrgan (R18.1)', async () => {
    const id = await filed();
    const res = await (await t.as(officerPrincipal('psb-beilin-a', 'psb-beilin'))).post(`/v1/requests/${id}/co-sign`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R18_1_DIFFERENT_ORGAN', rule: 'R18.1' });
  });

  it('accepts a co-signer of another organ when the policy officersOfOneOrgan is off: the text asks for two officers, not one organ (R18.1)', async () => {
    const lenient = await startRequestsApp({ officerPolicy: { officersOfOneOrgan: false, onlySigners: true } });
    try {
      const filedRes = await (await lenient.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).post('/v1/requests', aRequest());
      const coSign = await (await lenient.as(officerPrincipal('psb-beilin-a', 'psb-beilin'))).post(`/v1/requests/${filedRes.body.requestId}/co-sign`);
      expect(coSign.status).toBe(200);
      expect(coSign.body.credentialNumbers).toEqual(['CRED-psb-yanta-A', 'CRED-psb-beilin-A']);
    } finally {
      await lenient.close();
    }
  });

  it.each([
    ['expired', 'EXPIRED'],
    ['suspended', 'SUSPENDED'],
  ])('refuses a co-signer whose qualification is %s at the moment of signing (R18.2)', async (who, standing) => {
    const id = await filed();
    const before = await t.eventCount();
    const res = await (await t.as(officerPrincipal(`psb-yanta-${who}`, 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R18_2_QUALIFICATION_INVALID', rule: 'R18.2', details: { standing, role: 'coSigner' } });
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses a filer whose qualification is not valid (R18.2)', async () => {
    const res = await file('psb-yanta-suspended', 'psb-yanta');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CUSTOS_R18_2_QUALIFICATION_INVALID');
  });

  it('refuses a credential shown that is not the registered one (R18.2)', async () => {
    const principal = { ...officerPrincipal('psb-yanta-a', 'psb-yanta'), credentialNumber: 'FORGED-1' };
    const res = await (await t.as(principal)).post('/v1/requests', aRequest());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CUSTOS_R18_2_CREDENTIAL_MISMATCH');
  });

  it('refuses filing and co-signing by an officer who shows no credential, instead of filling in the registry\'s (R18.2)', async () => {
    const { credentialNumber: _, ...unshown } = officerPrincipal('psb-yanta-a', 'psb-yanta');
    const filing = await (await t.as(unshown)).post('/v1/requests', aRequest());
    expect(filing.status).toBe(403);
    expect(filing.body).toMatchObject({ code: 'CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN', rule: 'R18.2' });
    const id = await filed();
    const { credentialNumber: __, ...unshownCoSigner } = officerPrincipal('psb-yanta-b', 'psb-yanta');
    const coSign = await (await t.as(unshownCoSigner)).post(`/v1/requests/${id}/co-sign`);
    expect(coSign.status).toBe(403);
    expect(coSign.body.code).toBe('CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN');
    const view = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).get(`/v1/requests/${id}`);
    expect(view.body.status).toBe('AWAITING_CO_SIGNATURE');
  });

  it('refuses a co-signature after the deadline and expires the request with its code (R18.1, R26.1)', async () => {
    const id = await filed();
    t.shiftClock(2 * HOUR);
    try {
      const late = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'CUSTOS_R18_1_CO_SIGNATURE_EXPIRED', rule: 'R18.1' });
      const expired = await t.expireStale();
      expect(expired).toContain(id);
      expect(await t.expireStale()).not.toContain(id);
    } finally {
      t.shiftClock(-2 * HOUR);
    }
    const view = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).get(`/v1/requests/${id}`);
    expect(view.body.status).toBe('EXPIRED');
    expect(view.body.history.at(-1)).toMatchObject({ status: 'EXPIRED', code: 'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED', rule: 'R18.1' });
    const after = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
    expect(after.body.code).toBe('CUSTOS_R18_1_NOT_AWAITING_CO_SIGNATURE');
  });

  it('lets a signer withdraw, not anyone else (R18.1)', async () => {
    const id = await filed();
    const other = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/withdraw`, { reason: 'not mine' });
    expect(other.body.code).toBe('CUSTOS_R18_1_NOT_A_SIGNER');
    const mine = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).post(`/v1/requests/${id}/withdraw`, { reason: 'case closed' });
    expect(mine.status).toBe(200);
    const twice = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).post(`/v1/requests/${id}/withdraw`, { reason: 'again' });
    expect(twice.body.code).toBe('CUSTOS_R18_3_REQUEST_CLOSED');
    const coSign = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
    expect(coSign.body.code).toBe('CUSTOS_R18_1_NOT_AWAITING_CO_SIGNATURE');
  });

  it("refuses an owner's fee and records the attempt as an event (R17.5)", async () => {
    const id = await filed();
    const before = await t.eventCount();
    const res = await (await t.as(ownerPrincipal('owner-mall'))).post(`/v1/requests/${id}/fee`, { amount: 50, currency: 'CNY' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'CUSTOS_R17_5_FEE_FORBIDDEN', rule: 'R17.5' });
    expect(await t.eventCount()).toBe(before + 1);
    const { rows } = await t.pool.query(`SELECT envelope->>'type' AS type, envelope->'payload' AS payload FROM es_events WHERE aggregate_id = $1 ORDER BY sequence`, [id]);
    expect(rows.at(-1)).toMatchObject({ type: 'requests.FeeChargeRefused', payload: { amount: 50, code: 'CUSTOS_R17_5_FEE_FORBIDDEN', ownerOrganisationId: 'owner-mall' } });
    const notOwner = await (await t.as(ownerPrincipal('psb-beilin'))).post(`/v1/requests/${id}/fee`, { amount: 50 });
    expect(notOwner.body.code).toBe('CUSTOS_R17_5_NOT_AN_OWNER');
    expect(await t.eventCount()).toBe(before + 1);
  });

  it('keeps every route to its role and a valid token (R3.1)', async () => {
    const id = await filed();
    expect((await (await t.as(approverPrincipal('psb-yanta'))).post('/v1/requests', aRequest())).body.code).toBe('CUSTOS_AUTH_ROLE_REQUIRED');
    expect((await (await t.as(ownerPrincipal('owner-mall'))).post(`/v1/requests/${id}/co-sign`)).status).toBe(403);
    expect((await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).post(`/v1/requests/${id}/fee`, { amount: 1 })).status).toBe(403);
    const anonymous = await (await import('supertest')).default(t.app.getHttpServer()).get('/v1/requests/mine');
    expect(anonymous.status).toBe(401);
    const otherOrgan = await (await t.as(officerPrincipal('psb-beilin-a', 'psb-beilin'))).get(`/v1/requests/${id}`);
    expect(otherOrgan.status).toBe(404);
  });

  it("lists an officer's own requests with filters and status history", async () => {
    const id = await filed('station-yanta-a', 'station-yanta', aRequest({ kind: 'RETRIEVE' }));
    await (await t.as(officerPrincipal('station-yanta-b', 'station-yanta'))).post(`/v1/requests/${id}/co-sign`);
    for (const who of ['station-yanta-a', 'station-yanta-b']) {
      const mine = await (await t.as(officerPrincipal(who, 'station-yanta'))).get('/v1/requests/mine?status=AWAITING_APPROVAL&kind=RETRIEVE');
      expect(mine.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([id]);
      expect(mine.body.items[0].history).toHaveLength(2);
    }
  });

  it("pages an officer's requests by cursor, newest first, none repeated or skipped (issue 15)", async () => {
    await filed('station-yanta-a', 'station-yanta', aRequest());
    await filed('station-yanta-a', 'station-yanta', aRequest());
    const api = await t.as(officerPrincipal('station-yanta-a', 'station-yanta'));
    const ids = (body: { items: { requestId: string }[] }) => body.items.map((r) => r.requestId);
    const all = await api.get('/v1/requests/mine?limit=200');
    expect(all.body.nextCursor).toBeNull();
    const filedAt = all.body.items.map((r: { filedAt: string }) => r.filedAt);
    expect([...filedAt].sort().reverse()).toEqual(filedAt);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api.get(`/v1/requests/mine?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids(all.body));
  });

  describe('a bad-input corpus: each case answered 400/403/409 with a code, changing nothing', () => {
    const now = Date.now();
    const at = (ms: number) => new Date(now + ms).toISOString();
    const big = (n: number) => 'x'.repeat(n);
    const corpus: [string, Record<string, unknown>][] = [];
    const add = (label: string, body: Record<string, unknown>) => corpus.push([label, body]);
    const base = aRequest();
    for (const field of Object.keys(base)) {
      const { [field]: _, ...without } = base;
      add(`missing ${field}`, without);
      for (const [label, value] of [
        ['null', null],
        ['a number', 42],
        ['a boolean', true],
        ['an object', { a: 1 }],
        ['an empty string', ''],
      ] as const) {
        add(`${field} as ${label}`, { ...base, [field]: value });
      }
    }
    for (const kind of ['view', 'DELETE', 'COPY ', 'EXPORT', 'Direct_Access', 'ALL']) add(`kind ${kind}`, { ...base, kind });
    add('purpose blank', { ...base, purpose: '   ' });
    add('purpose oversized', { ...base, purpose: big(2001) });
    add('caseReference oversized', { ...base, caseReference: big(101) });
    add('caseReference blank', { ...base, caseReference: '\t' });
    add('no cameras', { ...base, cameraIds: [] });
    add('too many cameras', { ...base, cameraIds: Array.from({ length: 51 }, (_, i) => `cam-${i}`) });
    add('duplicate cameras', { ...base, cameraIds: ['cam-mall-1', 'cam-mall-1'] });
    add('camera id oversized', { ...base, cameraIds: [big(101)] });
    add('camera id a number', { ...base, cameraIds: [7] });
    add('camera id empty', { ...base, cameraIds: [''] });
    add('unknown camera', { ...base, cameraIds: ['cam-nowhere'] });
    add('one unknown camera among known', { ...base, cameraIds: ['cam-mall-1', 'cam-ghost'] });
    add('unknown field', { ...base, fee: 10 });
    add('unknown window field', { ...base, window: { ...pastWindow(), timezone: 'CST' } });
    add('window without from', { ...base, window: { to: at(-60_000) } });
    add('window without to', { ...base, window: { from: at(-HOUR) } });
    add('window with a date only', { ...base, window: { from: '2025-01-01', to: at(-60_000) } });
    add('window not a date', { ...base, window: { from: 'yesterday', to: 'today' } });
    add('window empty', { ...base, window: { from: at(-HOUR), to: at(-HOUR) } });
    add('window reversed', { ...base, window: { from: at(-60_000), to: at(-HOUR) } });
    add('window in the future', { ...base, window: { from: at(HOUR), to: at(2 * HOUR) } });
    add('window reaching into the future', { ...base, window: { from: at(-HOUR), to: at(HOUR) } });
    add('window in year 9999', { ...base, window: { from: '9999-01-01T00:00:00Z', to: '9999-01-02T00:00:00Z' } });
    add('window as an array', { ...base, window: [at(-HOUR), at(-1000)] });
    add('direct access with a past grant', { ...base, kind: 'DIRECT_ACCESS', window: pastWindow() });
    add('direct access too long', { ...base, kind: 'DIRECT_ACCESS', window: { from: at(0), to: at(8 * DAY) } });
    add('body an array', [base] as unknown as Record<string, unknown>);
    for (const [label, cameraIds] of [
      ['a string', 'cam-mall-1'],
      ['nested arrays', [['cam-mall-1']]],
      ['objects', [{ id: 'cam-mall-1' }]],
      ['null entries', [null]],
      ['a map', { 0: 'cam-mall-1' }],
      ['known and null', ['cam-mall-1', null]],
      ['two unknown', ['cam-x', 'cam-y']],
      ['a boolean entry', [false]],
      ['a huge list of unknown ones', Array.from({ length: 50 }, (_, i) => `cam-ghost-${i}`)],
      ['an id with 10 000 characters', [big(10_000)]],
    ] as const) {
      add(`cameraIds as ${label}`, { ...base, cameraIds });
    }
    for (const field of ['kind', 'caseReference', 'purpose']) {
      add(`${field} as an array`, { ...base, [field]: ['x'] });
      add(`${field} of 100 000 characters`, { ...base, [field]: big(100_000) });
    }
    for (const kind of ['copy', 'retrieve', 'direct_access', ' VIEW', 'VIEW\n', 'V1EW']) add(`kind ${JSON.stringify(kind)}`, { ...base, kind });
    for (const camera of ['CAM-MALL-1', 'cam-mall-1 ', '../cam-mall-1', 'cam-mall-1\u0000', '*', 'cam-mall-%']) add(`unknown camera ${JSON.stringify(camera)}`, { ...base, cameraIds: [camera] });
    for (const [label, window] of [
      ['month 13', { from: '2025-13-01T00:00:00Z', to: at(-1000) }],
      ['30 February', { from: '2025-02-30T00:00:00Z', to: at(-1000) }],
      ['epoch numbers', { from: now - HOUR, to: now - 1000 }],
      ['nested objects', { from: { at: at(-HOUR) }, to: { at: at(-1000) } }],
      ['a future offset time', { from: at(-HOUR), to: new Date(now + 2 * HOUR).toISOString().replace('Z', '+08:00') }],
      ['one millisecond into the future', { from: at(-HOUR), to: at(60_000) }],
      ['null bounds', { from: null, to: null }],
      ['empty strings', { from: '', to: '' }],
      ['an empty object', {}],
    ] as const) {
      add(`window ${label}`, { ...base, window });
    }

    it('has at least 100 cases', () => {
      expect(corpus.length).toBeGreaterThanOrEqual(100);
    });

    it.each(corpus)('refuses %s with a code, no request event, and a refusal event exactly when a rule refused it (R26.1)', async (_label, body) => {
      const before = { events: await t.eventCount(), refusals: (await t.refusals()).length };
      const res = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).post('/v1/requests', body);
      expect([400, 403, 409]).toContain(res.status);
      expect(res.body.code).toMatch(/^CUSTOS_/);
      expect(res.text).not.toMatch(/\bat .*\.ts:\d+/);
      expect(await t.eventCount()).toBe(before.events);
      const refusals = await t.refusals();
      if (res.body.rule === undefined) expect(refusals).toHaveLength(before.refusals);
      else expect(refusals.slice(before.refusals).map((r) => r.payload.code)).toEqual([res.body.code]);
    });

    it.each([
      ['co-sign of a non-uuid', 'post', '/v1/requests/not-a-uuid/co-sign', {}],
      ['withdraw without reason', 'post', '/v1/requests/5b0e6c3e-8d0e-4c8e-9a55-9d1f0c7e1a11/withdraw', {}],
      ['withdraw with an oversized reason', 'post', '/v1/requests/5b0e6c3e-8d0e-4c8e-9a55-9d1f0c7e1a11/withdraw', { reason: big(2001) }],
      ['my requests with a wrong status', 'get', '/v1/requests/mine?status=LOST', undefined],
      ['my requests with a cursor no list gave out (issue 15)', 'get', '/v1/requests/mine?cursor=WyJub3QtYS1kYXRlIiwieCJd', undefined],
      ['my requests with a huge limit', 'get', '/v1/requests/mine?limit=100000', undefined],
    ])('refuses %s with 400 and a code', async (_label, method, path, body) => {
      const before = await t.eventCount();
      const api = await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'));
      const res = method === 'get' ? await api.get(path as string) : await api.post(path as string, body as object);
      expect(res.status).toBe(400);
      expect(res.body.code).toMatch(/^CUSTOS_/);
      expect(await t.eventCount()).toBe(before);
    });

    it.each([
      ['co-sign', officerPrincipal('psb-yanta-b', 'psb-yanta'), {}],
      ['withdraw', officerPrincipal('psb-yanta-a', 'psb-yanta'), { reason: 'no longer needed' }],
      ['withdraw', officerPrincipal('psb-yanta-a', 'psb-yanta'), {}],
      ['fee', ownerPrincipal('owner-mall'), { amount: 50, currency: 'CNY' }],
    ])('refuses to %s a request whose id is not a UUID with the 400 of a malformed id, whatever the body, recording nothing (R26.1)', async (action, principal, body) => {
      const before = { events: await t.eventCount(), refusals: (await t.refusals()).length };
      const res = await (await t.as(principal)).post(`/v1/requests/not-a-uuid/${action}`, body);
      expect(res.body).toEqual(malformedUuidProblem(`/v1/requests/not-a-uuid/${action}`));
      expect({ events: await t.eventCount(), refusals: (await t.refusals()).length }).toEqual(before);
    });

    it.each([
      ['a string amount', { amount: '50' }],
      ['no amount', {}],
      ['a lowercase currency', { amount: 5, currency: 'cny' }],
    ])('refuses a fee with %s (400) and records nothing', async (_label, body) => {
      const id = await filed();
      const before = await t.eventCount();
      const res = await (await t.as(ownerPrincipal('owner-mall'))).post(`/v1/requests/${id}/fee`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CUSTOS_VALIDATION_FAILED');
      expect(await t.eventCount()).toBe(before);
    });
  });

  describe('escalation of overdue fulfilment to the supervising PSB (R16.5)', () => {
    const ESCALATED = 'requests.FulfilmentOverdueEscalated';
    const escalationsOf = async (id: string) =>
      (await t.pool.query(`SELECT envelope FROM es_events WHERE aggregate_id = $1 AND type = $2`, [id, ESCALATED])).rows.map((r) => r.envelope);
    const consume = (type: string, payload: object) =>
      inTransaction(t.pool, (tx) =>
        (type === APPROVAL_GRANTED ? applyDecision : type === STORAGE_EXPORT_PACKAGED ? applyExport : applyViewingSession)(
          { id: randomUUID(), type, aggregateId: randomUUID(), actor: { subject: 'sub-owner-mall-operator', personId: 'owner-mall-operator', organisationId: 'owner-mall' }, payload } as unknown as EventEnvelope,
          tx,
        ),
      );
    async function approvedCopy(): Promise<string> {
      const id = await filed('psb-yanta-a', 'psb-yanta', aRequest({ kind: 'COPY' }));
      await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
      const granted: ApprovalGranted = {
        requestId: id,
        rule: 'R17.3',
        approver: { personId: 'head-psb-yanta', organisationId: 'psb-yanta' },
        signedDocument: { document: { number: `610113-001-2026-${id.slice(0, 6)}` } },
        ownerOrganisationIds: ['owner-mall'],
        decidedAt: new Date().toISOString(),
      };
      await consume(APPROVAL_GRANTED, granted);
      return id;
    }
    /** Runs `work` with the service's clock moved past the kind's deadline, then moves it back. */
    async function past<T>(ms: number, work: () => Promise<T>): Promise<T> {
      t.shiftClock(ms);
      try {
        return await work();
      } finally {
        t.shiftClock(-ms);
      }
    }

    it('escalates an approved copy unfulfilled past its deadline to the PSB supervising the system, once, not before (R16.5)', async () => {
      const id = await approvedCopy();
      expect((await t.escalateOverdue()).filter((e) => e.startsWith(id))).toEqual([]);
      await past(3 * DAY - 60_000, async () => expect((await t.escalateOverdue()).filter((e) => e.startsWith(id))).toEqual([]));
      expect(await escalationsOf(id)).toHaveLength(0);
      await past(3 * DAY + 1000, async () => {
        expect((await t.escalateOverdue()).filter((e) => e.startsWith(id))).toEqual([`${id}/sys-mall`]);
        expect((await t.escalateOverdue()).filter((e) => e.startsWith(id))).toEqual([]);
      });
      const [event] = await escalationsOf(id);
      expect(await escalationsOf(id)).toHaveLength(1);
      expect(event.actor.roles).toEqual(['SERVICE']);
      expect(event.payload).toMatchObject({ kind: 'COPY', imageSystemId: 'sys-mall', ownerOrganisationId: 'owner-mall', supervisingOrganisationId: 'psb-yanta', rule: 'R16.5' });
      expect(Date.parse(event.payload.fulfilBy) - Date.parse(event.payload.readySince)).toBe(3 * DAY);

      const queue = await (await t.as(ownerPrincipal('owner-mall'))).get('/v1/owners/owner-mall/fulfilment-queue?limit=200');
      const item = queue.body.items.find((i: { requestId: string }) => i.requestId === id);
      expect(item.escalations).toEqual([{ imageSystemId: 'sys-mall', supervisingOrganisationId: 'psb-yanta', fulfilBy: event.payload.fulfilBy, escalatedAt: event.payload.escalatedAt }]);
      const timeline = await (await t.as(officerPrincipal('psb-yanta-a', 'psb-yanta'))).get(`/v1/requests/${id}/timeline`);
      expect(timeline.body.steps.find((s: { step: string }) => s.step === 'ESCALATED')).toMatchObject({
        organisationId: 'psb-yanta',
        ownerOrganisationId: 'owner-mall',
        imageSystemId: 'sys-mall',
        fulfilBy: event.payload.fulfilBy,
        rule: 'R16.5',
      });
      const supervising = await (await t.as(approverPrincipal('psb-yanta'))).get('/v1/fulfilment-escalations?limit=200');
      expect(supervising.status).toBe(200);
      expect(supervising.body.items.find((x: { requestId: string }) => x.requestId === id)).toMatchObject({
        kind: 'COPY',
        organisationId: 'psb-yanta',
        ownerOrganisationId: 'owner-mall',
        imageSystemId: 'sys-mall',
        fulfilledSince: false,
      });
      const elsewhere = await (await t.as(approverPrincipal('psb-beilin'))).get('/v1/fulfilment-escalations?limit=200');
      expect(elsewhere.body.items.some((x: { requestId: string }) => x.requestId === id)).toBe(false);
      expect((await (await t.as(ownerPrincipal('owner-mall'))).get('/v1/fulfilment-escalations')).status).toBe(403);
    });

    it('does not escalate a request the owner fulfilled in time: an export, or the viewing session of a view (R16.5)', async () => {
      const copy = await approvedCopy();
      await consume(STORAGE_EXPORT_PACKAGED, {
        exportId: randomUUID(),
        requestId: copy,
        organisationId: 'owner-mall',
        approvalDocumentNumber: `610113-001-2026-${copy.slice(0, 6)}`,
        exportedAt: new Date().toISOString(),
      });
      const view = await filed();
      await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${view}/co-sign`);
      await consume(CUSTODY_VIEWING_SESSION_OPENED, { sessionId: randomUUID(), requestId: view, ownerOrganisationId: 'owner-mall', openedAt: new Date().toISOString() });
      await past(4 * DAY, async () => {
        const recorded = await t.escalateOverdue();
        expect(recorded.filter((e) => e.startsWith(copy) || e.startsWith(view))).toEqual([]);
      });
      expect([...(await escalationsOf(copy)), ...(await escalationsOf(view))]).toHaveLength(0);
    });

    it('escalates once across a restart and two instances sweeping at the same time (R16.5)', async () => {
      const id = await filed();
      await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post(`/v1/requests/${id}/co-sign`);
      const databaseUrl = (t.pool as unknown as { options: { connectionString: string } }).options.connectionString;
      // Two fresh processes' worth of service on the same database: nothing remembered in memory.
      const [a, b] = [await startRequestsApp({ databaseUrl }), await startRequestsApp({ databaseUrl })];
      try {
        a.shiftClock(DAY + 1000);
        b.shiftClock(DAY + 1000);
        const both = await Promise.all([a.escalateOverdue(), b.escalateOverdue()]);
        expect(both.flat().filter((e) => e.startsWith(id))).toEqual([`${id}/sys-mall`]);
        await a.close();
        const again = await startRequestsApp({ databaseUrl });
        try {
          again.shiftClock(DAY + 2000);
          expect((await again.escalateOverdue()).filter((e) => e.startsWith(id))).toEqual([]);
        } finally {
          await again.close();
        }
      } finally {
        await b.close();
      }
      expect(await escalationsOf(id)).toHaveLength(1);
    });
  });
});
