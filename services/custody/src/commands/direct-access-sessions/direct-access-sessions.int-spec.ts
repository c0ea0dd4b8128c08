import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import {
  APPROVAL_CASE_OPENED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  ApprovalCaseOpened,
  ApprovalDocumentRevoked,
  ApprovalGranted,
  APPROVALS_EVENTS,
} from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { createTestBucket, createTestDatabase, testS3Client, waitFor } from '@custos/testing';
import { S3TestFootage } from '../../testing/s3-test-footage';
import {
  approvalDocument,
  CustodyTestApp,
  everyPage,
  expectSessionsNewestFirst,
  NOW,
  officer,
  OWNER,
  ownerOperator,
  PSB,
  signed,
  startCustodyApp,
  whileSuspended,
} from '../../testing/custody.test-support';
import { BrokerSide, custodyCaller, startBrokerSide } from '../../testing/custody-suite';

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
const MAX_RANGE = 64 * 1024;

/**
 * Direct access executed (R17.4): the approvals service's case, approval and revocation reach
 * custody through the broker; the granted organ's officers use the grant in time-boxed
 * sessions, registered (R16.6), playing the granted cameras' footage from the harness's real
 * S3 (Ceph) by range; sessions are cut at expiry by the sweep and at revocation by the consumer.
 */
describe('direct-access sessions (R17.4, R18.1–R18.4, R16.6)', () => {
  let side: BrokerSide;
  let t: CustodyTestApp;
  let approvalsEvents: EventStore;
  const clip = randomBytes(150 * 1024 + 3);
  const { post, get, play } = custodyCaller(() => side.issuer, () => t.url);
  const sessionEvents = async () =>
    Number((await t.pool.query("SELECT count(*)::int AS n FROM es_events WHERE aggregate_id LIKE 'direct-access-session:%'")).rows[0].n);
  const approvalsAppend = (requestId: string, version: number, type: string, payload: object) =>
    approvalsEvents.append({
      aggregateId: requestId,
      expectedVersion: version,
      events: [
        {
          type,
          schemaVersion: 1,
          payload: payload as Record<string, unknown>,
          actor: { subject: 'dev:head.yanta', personId: 'person-head-yanta', organisationId: PSB },
          correlationId: `corr-${requestId}`,
        },
      ],
    });

  /** What the approvals service announces: a DIRECT_ACCESS case of li and zhang's organ, approved unless `pending`. */
  const announce = async (requestId: string, grant: { from: string; to: string }, options: { pending?: boolean; number?: string } = {}) => {
    const opened: ApprovalCaseOpened = {
      requestId,
      kind: 'DIRECT_ACCESS',
      requestingOrganisation: { id: PSB, type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
      route: { rule: 'R17.4', approverOrgTypes: ['PUBLIC_SECURITY'], minLevel: 'COUNTY', mustBeOrgId: null, jurisdictionMustContain: null },
      signerPersonIds: ['person-officer-li', 'person-officer-zhang'],
      imageSystemIds: ['sys-mall'],
      cameraIds: ['cam-1', 'cam-2'],
      ownerOrganisationIds: [OWNER],
      window: grant,
      caseReference: `CASE-${requestId}`,
      purpose: `Watch the square during the operation (${requestId})`,
      openedAt: at(-120),
    };
    await approvalsAppend(requestId, 0, APPROVAL_CASE_OPENED, opened);
    if (options.pending) return;
    const doc = approvalDocument(
      { number: options.number ?? '610113-001-2026-000500', requestId, kind: 'DIRECT_ACCESS', validFrom: grant.from, validUntil: grant.to, issuedAt: grant.from },
      { cameraIds: ['cam-1', 'cam-2'], window: grant },
    );
    const granted: ApprovalGranted = {
      requestId,
      rule: 'R17.4',
      approver: { personId: 'person-head-yanta', organisationId: PSB },
      signedDocument: signed(doc, t.issuerKeys.privateKey) as unknown as Record<string, unknown>,
      ownerOrganisationIds: [OWNER],
      decidedAt: at(-90),
    };
    await approvalsAppend(requestId, 1, APPROVAL_GRANTED, granted);
  };

  const LONG = { from: at(-120), to: at(600) };

  /** The session as li sees it once it has ended, waited for as `what` (a sweep, a revocation through the broker). */
  const endedSession = (id: string, what: string, timeoutMs: number) =>
    waitFor(
      what,
      async () => {
        const res = await get(`/v1/direct-access-sessions/${id}`, officer('li'));
        return res.body.status === 'ENDED' ? res.body : undefined;
      },
      timeoutMs,
      200,
    );

  beforeAll(async () => {
    side = await startBrokerSide('custody-direct', 'approvals', APPROVALS_EVENTS);
    approvalsEvents = side.upstream.events;
    const { issuer, transport, topicPrefix } = side;

    const footage = new S3TestFootage(testS3Client(), await createTestBucket('custody-direct', { objectLock: true }));
    await footage.add(OWNER, { segmentId: 'da-c1-0800', cameraId: 'cam-1', startsAt: at(-90), endsAt: at(-80) }, clip);
    await footage.add(OWNER, { segmentId: 'da-c3-0800', cameraId: 'cam-3', startsAt: at(-90), endsAt: at(-80) }, Buffer.from('not granted'));
    await footage.add(OWNER, { segmentId: 'da-c1-old', cameraId: 'cam-1', startsAt: at(-600), endsAt: at(-590) }, Buffer.from('before the grant'));

    t = await startCustodyApp(
      issuer,
      await createTestDatabase('custody-direct'),
      { transport, topicPrefix, consumerGroup: 'custody-direct-exports' },
      { footage, maxPlaybackRangeBytes: MAX_RANGE, viewingExpiryIntervalMs: 200, viewRequestsConsumerGroup: 'custody-direct-requests', directAccessConsumerGroup: 'custody-direct-grants' },
    );
    await announce('req-da-1', LONG);
    await announce('req-da-short', { from: at(-100), to: at(30) }, { number: '610113-001-2026-000501' });
    await announce('req-da-pending', LONG, { pending: true });
    await announce('req-da-revoke', LONG, { number: '610113-001-2026-000502' });
    await waitFor(
      'the approved direct accesses through the broker',
      async () => {
        const res = await get('/v1/direct-access-grants', officer('li'));
        return (res.body.items as { requestId: string }[] | undefined)?.length === 3 ? true : undefined;
      },
      30_000,
      200,
    );
  });

  afterAll(async () => {
    await t?.close();
    await side?.close();
  });

  afterEach(() => t.setNow(NOW));

  it("offers an approved direct access to the granted organ's officers only, and a pending one to nobody (R17.4)", async () => {
    const mine = await get('/v1/direct-access-grants', officer('li'));
    expect((mine.body.items as { requestId: string }[]).map((g) => g.requestId).sort()).toEqual(['req-da-1', 'req-da-revoke', 'req-da-short']);
    expect(mine.body.items.find((g: { requestId: string }) => g.requestId === 'req-da-1')).toMatchObject({
      status: 'GRANTED',
      approvalDocumentNumber: '610113-001-2026-000500',
      cameraIds: ['cam-1', 'cam-2'],
      grantFrom: LONG.from,
      grantTo: LONG.to,
    });
    expect((await get('/v1/direct-access-grants', officer('chen'))).body.items).toEqual([]);
    expect(await everyPage((path) => get(path, officer('li')), '/v1/direct-access-grants', 1)).toEqual(mine.body.items);
  });

  describe('refused openings record nothing', () => {
    it.each([
      ['by an officer of another organ (R17.4)', 'req-da-1', officer('chen'), 403, 'CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN'],
      ['by an officer whose credential expired (R18.2)', 'req-da-1', officer('zhao'), 403, 'CUSTOS_R18_2_QUALIFICATION_INVALID'],
      ['of a direct access not approved (R17.4)', 'req-da-pending', officer('li'), 409, 'CUSTOS_R17_4_NOT_GRANTED'],
      ['of an unknown request (R3.1)', 'req-da-nope', officer('li'), 404, 'CUSTOS_R3_1_DIRECT_ACCESS_GRANT_NOT_FOUND'],
    ])('refuses opening %s', async (_what, requestId, who, status, code) => {
      const before = await sessionEvents();
      const res = await post('/v1/direct-access-sessions', who, { requestId, durationMinutes: 60 });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(await sessionEvents()).toBe(before);
    });

    it('refuses opening outside the grant period (R17.4)', async () => {
      t.setNow(new Date(Date.parse(LONG.to) + 1000));
      const res = await post('/v1/direct-access-sessions', officer('li'), { requestId: 'req-da-1', durationMinutes: 60 });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CUSTOS_R17_4_OUTSIDE_GRANT');
    });
  });

  it('grants nothing until a second qualified officer of the organ is in; then registers the access and plays the granted cameras by range (R17.4, R18.1, R16.6)', async () => {
    const opened = await post('/v1/direct-access-sessions', officer('li'), { requestId: 'req-da-1', durationMinutes: 60 });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'OPEN', expiresAt: at(60), officers: [{ personId: 'person-officer-li', credentialNumber: '61011300101' }] });
    const id = opened.body.sessionId as string;

    const alone = await get(`/v1/direct-access-sessions/${id}/playback-links`, officer('li'));
    expect(alone.status).toBe(403);
    expect(alone.body.code).toBe('CUSTOS_R18_1_TWO_OFFICERS_REQUIRED');
    expect((await post(`/v1/direct-access-sessions/${id}/join`, officer('sun'))).body.code).toBe('CUSTOS_R18_2_QUALIFICATION_INVALID');
    expect((await post(`/v1/direct-access-sessions/${id}/join`, officer('chen'))).body.code).toBe('CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN');

    const joined = await post(`/v1/direct-access-sessions/${id}/join`, officer('zhang'));
    expect(joined.status).toBe(200);
    expect(joined.body.officers).toHaveLength(2);

    const register = (await get('/v1/access-register', ownerOperator())).body.items as Record<string, unknown>[];
    expect(register.filter((e) => e.viewingSessionId === id)).toEqual([
      expect.objectContaining({
        accessKind: 'DIRECT_ACCESS',
        requestingOrganisationId: PSB,
        ownerOrganisationId: OWNER,
        approvalDocumentNumber: '610113-001-2026-000500',
        cameraIds: ['cam-1', 'cam-2'],
        persons: [
          { personId: 'person-officer-li', credentialNumber: '61011300101' },
          { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
        ],
        endedAt: null,
      }),
    ]);

    const links = await get(`/v1/direct-access-sessions/${id}/playback-links`, officer('zhang'));
    expect(links.status).toBe(200);
    expect((links.body.segments as { segmentId: string }[]).map((s) => s.segmentId)).toEqual(['da-c1-0800']);
    const url = `/v1/direct-access-sessions/${id}/${links.body.segments[0].url}`;
    const range = await play(url, 'bytes=100-1099');
    expect(range.status).toBe(206);
    expect(Buffer.compare(range.body as Buffer, clip.subarray(100, 1100))).toBe(0);
    expect((await play(url)).status).toBe(416);
    expect((await play(`/v1/viewing-sessions/${id}/${links.body.segments[0].url}`, 'bytes=0-9')).status).toBeGreaterThanOrEqual(400);
    const page = await play(`/v1/direct-access-sessions/${id}/${links.body.playerUrl}`);
    expect(page.status).toBe(200);
    expect((page.body as Buffer).toString('utf8')).toContain('da-c1-0800');

    const owners = await get(`/v1/direct-access-sessions/${id}`, ownerOperator());
    expect(owners.body).toMatchObject({ status: 'OPEN', accessStartedAt: NOW.toISOString() });
    const ended = await post(`/v1/direct-access-sessions/${id}/end`, officer('li'));
    expect(ended.body).toMatchObject({ status: 'ENDED', endReason: 'ENDED_BY_OFFICERS' });
    expect((await play(url, 'bytes=0-9')).status).toBe(409);
  });

  it("stops giving the player fresh links once the officer's qualification is suspended, and gives them again once restored (R18.2)", async () => {
    const opened = await post('/v1/direct-access-sessions', officer('li'), { requestId: 'req-da-1', durationMinutes: 60 });
    const id = opened.body.sessionId as string;
    await post(`/v1/direct-access-sessions/${id}/join`, officer('zhang'));
    const links = await get(`/v1/direct-access-sessions/${id}/playback-links`, officer('zhang'));
    const refresh = `/v1/direct-access-sessions/${id}/${(links.body.playerUrl as string).replace('player?', 'player/links?')}`;
    expect((await play(refresh)).status).toBe(200);
    const before = await sessionEvents();
    await whileSuspended(t, 'zhang', async () => {
      const refused = await play(refresh);
      expect([refused.status, JSON.parse((refused.body as Buffer).toString('utf8')).code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
      expect((await play(`/v1/direct-access-sessions/${id}/${links.body.playerUrl}`)).status).toBe(403);
    });
    expect(await sessionEvents()).toBe(before);
    expect((await play(refresh)).status).toBe(200);
    expect((await post(`/v1/direct-access-sessions/${id}/end`, officer('li'))).status).toBe(200);
  });

  it('ends at the end of the grant whatever was asked, recorded EXPIRED by the sweep, and cuts playback (R17.4, R18.4)', async () => {
    const opened = await post('/v1/direct-access-sessions', officer('li'), { requestId: 'req-da-short', durationMinutes: 240 });
    expect(opened.body.expiresAt).toBe(at(30));
    const id = opened.body.sessionId as string;
    await post(`/v1/direct-access-sessions/${id}/join`, officer('zhang'));
    const links = await get(`/v1/direct-access-sessions/${id}/playback-links`, officer('li'));
    const url = `/v1/direct-access-sessions/${id}/${links.body.segments[0].url}`;
    t.setNow(new Date(Date.parse(at(30)) + 1000));
    const session = await endedSession(id, 'the sweep to end the session', 10_000);
    expect(session).toMatchObject({ endReason: 'EXPIRED', endedAt: at(30) });
    // The link never outlived the session; fresh links are refused as well.
    expect((await play(url, 'bytes=0-9')).status).toBe(401);
    expect((await get(`/v1/direct-access-sessions/${id}/playback-links`, officer('li'))).body.code).toBe('CUSTOS_R18_4_DIRECT_ACCESS_ENDED');
    const line = ((await get('/v1/access-register', officer('li'))).body.items as Record<string, unknown>[]).find((e) => e.viewingSessionId === id);
    expect(line).toMatchObject({ endReason: 'EXPIRED', endedAt: at(30) });
  });

  it('cuts an open session when the approval document is revoked, and opens none after (R17.4, R18.5)', async () => {
    const opened = await post('/v1/direct-access-sessions', officer('li'), { requestId: 'req-da-revoke', durationMinutes: 120 });
    const id = opened.body.sessionId as string;
    await post(`/v1/direct-access-sessions/${id}/join`, officer('zhang'));
    const links = await get(`/v1/direct-access-sessions/${id}/playback-links`, officer('li'));
    const url = `/v1/direct-access-sessions/${id}/${links.body.segments[0].url}`;
    expect((await play(url, 'bytes=0-9')).status).toBe(206);

    const revoked: ApprovalDocumentRevoked = {
      requestId: 'req-da-revoke',
      number: '610113-001-2026-000502',
      issuingOrganisationId: PSB,
      revokedBy: 'person-head-yanta',
      reason: 'operation called off',
      revokedAt: NOW.toISOString(),
    };
    await approvalsAppend('req-da-revoke', 2, APPROVAL_DOCUMENT_REVOKED, revoked);
    const session = await endedSession(id, 'the revocation through the broker', 30_000);
    expect(session).toMatchObject({ endReason: 'DOCUMENT_REVOKED' });
    expect((await play(url, 'bytes=0-9')).status).toBe(409);
    const again = await post('/v1/direct-access-sessions', officer('li'), { requestId: 'req-da-revoke', durationMinutes: 60 });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('CUSTOS_R18_5_REVOKED');
  });

  it("pages the sessions newest first to the granted organ's officers and the granted systems' owners, without gap or repeat (issue 15, R5.1)", async () => {
    for (const who of [officer('li'), ownerOperator()]) await expectSessionsNewestFirst((path) => get(path, who), '/v1/direct-access-sessions');
    expect((await get('/v1/direct-access-sessions', officer('chen'))).body).toEqual({ items: [], nextCursor: null });
    const refused = await get('/v1/direct-access-grants?cursor=not-a-cursor', officer('li'));
    expect([refused.status, refused.body.code]).toEqual([400, 'CUSTOS_INPUT_CURSOR_INVALID']);
  });
});
