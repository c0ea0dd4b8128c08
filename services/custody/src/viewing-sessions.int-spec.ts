import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { Principal } from '@custos/auth';
import {
  EventEnvelope,
  eventTopic,
  FEE_CHARGE_REFUSED,
  REQUEST_CO_SIGNED,
  REQUEST_FILED,
  REQUEST_WITHDRAWN,
  RequestCoSigned,
  RequestFiled,
  REQUESTS_EVENTS,
  viewingSessionAggregateId,
} from '@custos/contracts';
import { EventStore, inTransaction } from '@custos/eventstore';
import { createTestBucket, createTestDatabase, recordedRefusals, testS3Client, waitFor } from '@custos/testing';
import { loadConfig, rulePacksOf } from '@custos/platform';
import { CustodyConfig } from './custody.config';
import { ViewingSessionCommands } from './commands/viewing-sessions/viewing-session.commands';
import { recordViewRequest } from './consumers/view-requests.consumer';
import { custodyEventRegistry, EvidenceItemRepository } from './database/evidence-item.repository';
import { S3TestFootage } from './testing/s3-test-footage';
import {
  CustodyTestApp,
  everyPage,
  expectSessionsNewestFirst,
  exportPackaged,
  NOW,
  OFFICERS,
  officer,
  openExportedItem,
  OWNER,
  ownerOperator,
  oversight,
  PSB,
  startCustodyApp,
  whileSuspended,
} from './testing/custody.test-support';
import { BrokerSide, custodyCaller, startBrokerSide } from './testing/custody-suite';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const MAX_RANGE = 64 * 1024;
const W = (hhmm: string) => `2026-02-10T${hhmm}:00.000Z`;

/**
 * Viewing sessions of co-signed VIEW requests (issue 6, R18.1–R18.4, R16.6): the requests
 * service's events arrive through the broker; footage lies on the harness's real S3 (Ceph) and
 * is played by range through custody's signed links.
 */
describe('viewing sessions (R18.1–R18.4, R16.6)', () => {
  let side: BrokerSide;
  let t: CustodyTestApp;
  let requestsEvents: EventStore;
  let footage: S3TestFootage;
  const clip = randomBytes(200 * 1024 + 17);
  const clip2 = randomBytes(50 * 1024);
  /** `play`: a link-authenticated GET, as a browser's <video> makes it: no bearer token. */
  const { tokenOf, post, get, play } = custodyCaller(() => side.issuer, () => t.url);
  const jsonOf = (res: request.Response) => JSON.parse((res.body as Buffer).toString('utf8'));
  const sessionEvents = async () =>
    Number(
      (await t.pool.query("SELECT count(*)::int AS n FROM es_events WHERE aggregate_id LIKE 'viewing-session:%'"))
        .rows[0].n,
    );

  /** The refused VIEW steps recorded on one stream (R26.1). */
  const viewingRefusals = async (stream: string) =>
    (await recordedRefusals(t.pool)).filter((r) => r.aggregateId === stream && r.type === 'custody.ViewingRefused');

  /** What the requests service announces: a VIEW filed by `filer`, co-signed by `coSigner` unless null. */
  const announceRequest = async (
    requestId: string,
    options: { filer?: string; coSigner?: string | null; kind?: string; owners?: string[]; withdrawn?: boolean } = {},
  ) => {
    const filer = officer(options.filer ?? 'li');
    const filed: RequestFiled = {
      kind: options.kind ?? 'VIEW',
      requestingOrganisation: { id: PSB, type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
      caseReference: `CASE-${requestId}`,
      purpose: `Identify the suspect (${requestId})`,
      imageSystemIds: ['sys-mall'],
      cameraIds: ['cam-1', 'cam-2'],
      ownerOrganisationIds: options.owners ?? [OWNER],
      window: { from: W('10:00'), to: W('11:00') },
      filer: { personId: filer.personId, credentialNumber: filer.credentialNumber! },
      filedAt: NOW.toISOString(),
      coSignDeadline: minutes(30).toISOString(),
    };
    const events: { type: string; payload: object }[] = [{ type: REQUEST_FILED, payload: filed }];
    if (options.coSigner !== null) {
      const coSigner = officer(options.coSigner ?? 'zhang');
      const coSigned: RequestCoSigned = {
        coSigner: { personId: coSigner.personId, credentialNumber: coSigner.credentialNumber! },
        credentialNumbers: [filer.credentialNumber!, coSigner.credentialNumber!],
        coSignedAt: NOW.toISOString(),
        needsApproval: (options.kind ?? 'VIEW') !== 'VIEW',
      };
      events.push({ type: REQUEST_CO_SIGNED, payload: coSigned });
    }
    if (options.withdrawn)
      events.push({
        type: REQUEST_WITHDRAWN,
        payload: { withdrawnBy: filer.personId, reason: 'case closed', withdrawnAt: NOW.toISOString() },
      });
    await requestsEvents.append({
      aggregateId: requestId,
      expectedVersion: 0,
      events: events.map((e) => ({
        type: e.type,
        schemaVersion: 1,
        payload: e.payload as Record<string, unknown>,
        actor: { subject: filer.subject, personId: filer.personId, organisationId: PSB },
        correlationId: `corr-${requestId}`,
      })),
    });
  };

  /** The requests service withdraws a co-signed request (its third event); answers the event as stored. */
  const withdraw = async (requestId: string, at: Date): Promise<EventEnvelope> => {
    const [withdrawn] = await requestsEvents.append({
      aggregateId: requestId,
      expectedVersion: 2,
      events: [
        {
          type: REQUEST_WITHDRAWN,
          schemaVersion: 1,
          payload: { withdrawnBy: 'person-officer-li', reason: 'suspect identified', withdrawnAt: at.toISOString() },
          actor: { subject: officer('li').subject, personId: 'person-officer-li', organisationId: PSB },
          correlationId: `corr-withdraw-${requestId}`,
        },
      ],
    });
    return withdrawn;
  };

  const open = (requestId: string, durationMinutes = 60, principal = ownerOperator()) =>
    post('/v1/viewing-sessions', principal, { requestId, durationMinutes });

  /** A session of `requestId` both officers joined; answers its id and li's playback links. */
  const joinedSession = async (requestId: string, durationMinutes = 60) => {
    const opened = await open(requestId, durationMinutes);
    expect(opened.status).toBe(201);
    const id = opened.body.sessionId as string;
    expect((await post(`/v1/viewing-sessions/${id}/join`, officer('li'))).status).toBe(200);
    expect((await post(`/v1/viewing-sessions/${id}/join`, officer('zhang'))).status).toBe(200);
    const links = await get(`/v1/viewing-sessions/${id}/playback-links`, officer('li'));
    expect(links.status).toBe(200);
    return { id, links: links.body as { segments: { segmentId: string; url: string }[]; playerUrl: string } };
  };
  const playbackPath = (sessionId: string, relative: string) => `/v1/viewing-sessions/${sessionId}/${relative}`;
  /** The session as its owner sees it, once something (a sweep, a consumer) has closed it. */
  const closedSession = (sessionId: string, what: string, timeoutMs: number) =>
    waitFor(
      what,
      async () => {
        const res = await get(`/v1/viewing-sessions/${sessionId}`, ownerOperator());
        return res.body.status === 'CLOSED' ? res.body : undefined;
      },
      timeoutMs,
      200,
    );
  const registerLines = async (principal: Principal, sessionId: string) =>
    ((await get('/v1/access-register', principal)).body.items as { viewingSessionId: string | null }[]).filter(
      (e) => e.viewingSessionId === sessionId,
    );

  /** A custody app on the broker with the test footage; answers once it has learnt the announced VIEW requests. */
  const startLearningApp = async (name: string, extra: Parameters<typeof startCustodyApp>[3] = {}): Promise<CustodyTestApp> => {
    const { issuer, transport, topicPrefix } = side;
    const app = await startCustodyApp(
      issuer,
      await createTestDatabase(name),
      { transport, topicPrefix, consumerGroup: `${name}-exports` },
      { footage, maxPlaybackRangeBytes: MAX_RANGE, viewRequestsConsumerGroup: `${name}-requests`, ...extra },
    );
    const token = await tokenOf(ownerOperator());
    await waitFor(
      'the co-signed VIEW requests through the broker',
      async () => {
        const res = await request(app.url).get('/v1/view-requests').set('authorization', `Bearer ${token}`);
        return (res.body.items as { requestId: string }[] | undefined)?.some((r) => r.requestId === 'req-view-end') || undefined;
      },
      30_000,
      200,
    );
    return app;
  };

  beforeAll(async () => {
    side = await startBrokerSide('custody-viewing', 'requests', REQUESTS_EVENTS);
    requestsEvents = side.upstream.events;
    await announceRequest('req-view-1');
    await announceRequest('req-view-filed', { coSigner: null });
    await announceRequest('req-copy', { kind: 'COPY' });
    await announceRequest('req-view-withdrawn', { withdrawn: true });
    await announceRequest('req-view-zhao', { coSigner: 'zhao' });
    await announceRequest('req-view-close', {});
    await announceRequest('req-view-expire', {});
    await announceRequest('req-view-withdraw-open', {});
    await announceRequest('req-view-end', {});

    footage = new S3TestFootage(testS3Client(), await createTestBucket('custody-viewing', { objectLock: true }));
    await footage.add(
      OWNER,
      { segmentId: 'seg-c1-1000', cameraId: 'cam-1', startsAt: W('10:00'), endsAt: W('10:10') },
      clip,
    );
    await footage.add(
      OWNER,
      { segmentId: 'seg-c2-1010', cameraId: 'cam-2', startsAt: W('10:10'), endsAt: W('10:20') },
      clip2,
    );
    await footage.add(
      OWNER,
      { segmentId: 'seg-c1-1200', cameraId: 'cam-1', startsAt: W('12:00'), endsAt: W('12:10') },
      Buffer.from('outside the window'),
    );
    await footage.add(
      'org-owner-bank',
      { segmentId: 'seg-bank-c1', cameraId: 'cam-1', startsAt: W('10:00'), endsAt: W('10:10') },
      Buffer.from('another owner'),
    );

    t = await startLearningApp('custody-viewing', { viewingExpiryIntervalMs: 200 });
  });

  afterAll(async () => {
    await t?.close();
    await side?.close();
  });

  afterEach(() => t.setNow(NOW));

  it("shows the officers of the requesting organ the evidence item of their own copy request, before any hand-over, and nobody else's (R3.1, R18.5)", async () => {
    const items = new EvidenceItemRepository(new EventStore(t.pool, 'custody', custodyEventRegistry()));
    const id = await openExportedItem(items, t.pool, exportPackaged({ requestId: 'req-copy' }));
    const other = await openExportedItem(items, t.pool, exportPackaged({ requestId: 'req-of-another-organ' }));
    // The requester is learnt from requests.RequestFiled of the COPY, through the broker.
    const listed = await waitFor(
      "the item of PSB's copy request",
      async () => {
        const res = await get('/v1/evidence-items?requestId=req-copy', officer('zhang'));
        return res.body.items.length > 0 ? res.body.items : undefined;
      },
      30_000,
      200,
    );
    expect(listed).toEqual([expect.objectContaining({ evidenceItemId: id, requestId: 'req-copy', status: 'PREPARED', holderOrganisationId: OWNER })]);
    expect((await get(`/v1/evidence-items/${id}`, officer('li'))).status).toBe(200);
    expect((await get(`/v1/evidence-items/${other}`, officer('li'))).status).toBe(404);
    expect((await get('/v1/evidence-items?requestId=req-copy', officer('chen'))).body.items).toEqual([]);
    expect((await get(`/v1/evidence-items/${id}`, officer('chen'))).status).toBe(404);
  });

  it("learns co-signed VIEW requests from the requests service's events, and nothing else (R18.1)", async () => {
    const res = await get('/v1/view-requests', ownerOperator());
    const ids = (res.body.items as { requestId: string }[]).map((r) => r.requestId).sort();
    expect(ids).toEqual([
      'req-view-1',
      'req-view-close',
      'req-view-end',
      'req-view-expire',
      'req-view-withdraw-open',
      'req-view-zhao',
    ]);
    expect(res.body.items.find((r: { requestId: string }) => r.requestId === 'req-view-1')).toMatchObject({
      requestingOrganisationId: PSB,
      filer: { personId: 'person-officer-li', credentialNumber: '61011300101' },
      coSigner: { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
      purpose: 'Identify the suspect (req-view-1)',
      cameraIds: ['cam-1', 'cam-2'],
      ownerOrganisationIds: [OWNER],
    });
    expect((await get('/v1/view-requests', ownerOperator('org-owner-bank'))).body.items).toEqual([]);
    expect(await everyPage((path) => get(path, ownerOperator()), '/v1/view-requests', 2)).toEqual(res.body.items);
  });

  describe('opening refusals open no session; a coded refusal of a known VIEW request is recorded (R26.1)', () => {
    it.each([
      [
        'by another owner than the systems named (R3.1)',
        'req-view-1',
        ownerOperator('org-owner-bank'),
        60,
        403,
        'CUSTOS_R3_1_NOT_THE_SYSTEMS_OWNER',
      ],
      [
        'for a VIEW not co-signed (R18.1)',
        'req-view-filed',
        ownerOperator(),
        60,
        409,
        'CUSTOS_R18_1_VIEW_NOT_CO_SIGNED',
      ],
      [
        'for a VIEW withdrawn before any session opened (R18.3)',
        'req-view-withdrawn',
        ownerOperator(),
        60,
        409,
        'CUSTOS_R18_3_VIEW_REQUEST_WITHDRAWN',
      ],
      [
        'for a copy request, which goes through approvals and exports',
        'req-copy',
        ownerOperator(),
        60,
        404,
        'CUSTOS_R3_1_VIEW_REQUEST_NOT_FOUND',
      ],
      [
        "by a validly signed token claiming the systems' owner, which the registry does not hold the operator for (R3.1, issue 16)",
        'req-view-1',
        { ...ownerOperator('org-owner-bank'), organisationId: OWNER },
        60,
        403,
        'CUSTOS_R3_1_CLAIMED_ORGANISATION_NOT_IN_REGISTRY',
      ],
      [
        "by a validly signed token claiming a division other than the registry's for its owner (R5.1, issue 16)",
        'req-view-1',
        { ...ownerOperator(), divisionCode: '610000' },
        60,
        403,
        'CUSTOS_R5_1_CLAIMED_DIVISION_NOT_IN_REGISTRY',
      ],
      ['for more than 4 hours (R18.4)', 'req-view-1', ownerOperator(), 241, 400, 'CUSTOS_VALIDATION_FAILED'],
      ['by an officer: the owner opens', 'req-view-1', officer('li'), 60, 403, 'CUSTOS_AUTH_ROLE_REQUIRED'],
    ])('refuses to open a session %s', async (_, requestId, principal, duration, status, code) => {
      const before = await sessionEvents();
      const stream = `viewing-refusals:request:${requestId}`;
      const recorded = (await viewingRefusals(stream)).length;
      const res = await open(requestId, duration, principal);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+/);
      expect(await sessionEvents()).toBe(before);
      const refusals = (await viewingRefusals(stream)).slice(recorded);
      // Validation, role and unknown-request refusals are no step of a known VIEW: no trace.
      if (requestId === 'req-copy' || status === 400 || code.startsWith('CUSTOS_AUTH')) expect(refusals).toEqual([]);
      else
        expect(refusals).toEqual([
          expect.objectContaining({
            actor: expect.objectContaining({ organisationId: principal.organisationId }),
            payload: expect.objectContaining({ step: 'OPEN', requestId, code, rule: res.body.rule, actor: expect.objectContaining({ personId: principal.personId }) }),
          }),
        ]);
    });
  });

  describe('a session played to its two officers', () => {
    let id: string;

    it('opens for the owner, time-boxed, OPEN with nobody joined; a second open of the same request is refused (R18.4)', async () => {
      const res = await open('req-view-1', 60);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        requestId: 'req-view-1',
        status: 'OPEN',
        openedAt: NOW.toISOString(),
        expiresAt: minutes(60).toISOString(),
        joined: [],
        bothJoined: false,
      });
      id = res.body.sessionId;
      const again = await open('req-view-1', 30);
      expect([again.status, again.body.code]).toEqual([409, 'CUSTOS_R18_4_SESSION_ALREADY_OPEN']);
    });

    it('refuses to join anyone who did not sign the request, even a qualified officer of the same organ (R18.1)', async () => {
      const before = await sessionEvents();
      const res = await post(`/v1/viewing-sessions/${id}/join`, officer('sun'));
      expect([res.status, res.body.code]).toEqual([403, 'CUSTOS_R18_1_NOT_A_CO_SIGNER']);
      expect((await viewingRefusals(`viewing-refusals:session:${id}`)).at(-1)).toMatchObject({ payload: { step: 'JOIN', code: 'CUSTOS_R18_1_NOT_A_CO_SIGNER' } });
      const other = await post(`/v1/viewing-sessions/${id}/join`, officer('chen'));
      expect([other.status, other.body.code]).toEqual([403, 'CUSTOS_R18_1_NOT_A_CO_SIGNER']);
      expect(await sessionEvents()).toBe(before);
    });

    it('refuses playback while only one officer has joined (R18.1)', async () => {
      const joined = await post(`/v1/viewing-sessions/${id}/join`, officer('li'));
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({
        joinedNow: true,
        bothJoined: false,
        joined: [{ personId: 'person-officer-li', credentialNumber: '61011300101' }],
      });
      const links = await get(`/v1/viewing-sessions/${id}/playback-links`, officer('li'));
      expect([links.status, links.body.code]).toEqual([403, 'CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED']);
      expect(await registerLines(ownerOperator(), id)).toEqual([]);
    });

    it('registers the view when the second officer joins, before any footage plays (R16.6, R18.3)', async () => {
      t.setNow(minutes(2));
      const joined = await post(`/v1/viewing-sessions/${id}/join`, officer('zhang'));
      expect(joined.body).toMatchObject({ joinedNow: true, bothJoined: true });
      const lines = await registerLines(ownerOperator(), id);
      expect(lines).toEqual([
        expect.objectContaining({
          accessKind: 'VIEW',
          requestingOrganisationId: PSB,
          ownerOrganisationId: OWNER,
          persons: [
            { personId: 'person-officer-li', credentialNumber: '61011300101' },
            { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
          ],
          purpose: 'Identify the suspect (req-view-1)',
          at: minutes(2).toISOString(),
          endedAt: null,
          viewingSessionId: id,
        }),
      ]);
      // The requesting organ and oversight of the jurisdiction see it; another owner does not.
      expect(await registerLines(officer('zhang'), id)).toHaveLength(1);
      expect(await registerLines(oversight('610000'), id)).toHaveLength(1);
      expect(await registerLines(ownerOperator('org-owner-bank'), id)).toEqual([]);
    });

    it("links exactly the owner's segments of the request's cameras and window, bound to the officer", async () => {
      const links = await get(`/v1/viewing-sessions/${id}/playback-links`, officer('zhang'));
      expect(links.status).toBe(200);
      expect(links.headers['cache-control']).toBe('no-store');
      expect(links.body.segments.map((s: { segmentId: string }) => s.segmentId)).toEqual([
        'seg-c1-1000',
        'seg-c2-1010',
      ]);
      expect(links.body.expiresAt).toBe(minutes(5).toISOString());
      const outsider = await get(`/v1/viewing-sessions/${id}/playback-links`, officer('sun'));
      expect([outsider.status, outsider.body.code]).toEqual([403, 'CUSTOS_R18_1_NOT_A_VIEWER']);
      expect((await viewingRefusals(`viewing-refusals:session:${id}`)).at(-1)).toMatchObject({
        payload: { step: 'PLAYBACK_LINKS', sessionId: id, code: 'CUSTOS_R18_1_NOT_A_VIEWER', rule: 'R18.1' },
      });
    });

    it('plays by range only: every range equals the bytes stored on S3; no-store, inline (R18.4)', async () => {
      const { links } = { links: (await get(`/v1/viewing-sessions/${id}/playback-links`, officer('li'))).body };
      const url = playbackPath(id, links.segments[0].url);
      const first = await play(url, 'bytes=0-999');
      expect(first.status).toBe(206);
      expect(first.headers).toMatchObject({
        'content-range': `bytes 0-999/${clip.length}`,
        'content-type': 'video/mp4',
        'cache-control': 'no-store',
        'content-disposition': 'inline',
        'accept-ranges': 'bytes',
      });
      expect(first.body).toEqual(clip.subarray(0, 1000));
      // What a player asks first (`bytes=0-`) is cut at the cap; reading on range by range gives back the whole stored clip.
      const parts: Buffer[] = [];
      let start = 0;
      while (start < clip.length) {
        const part = await play(url, `bytes=${start}-`);
        expect(part.status).toBe(206);
        const end = Math.min(start + MAX_RANGE, clip.length) - 1;
        expect(part.headers['content-range']).toBe(`bytes ${start}-${end}/${clip.length}`);
        parts.push(part.body);
        start = end + 1;
      }
      expect(sha256(Buffer.concat(parts))).toBe(sha256(clip));
      const second = await play(playbackPath(id, links.segments[1].url), 'bytes=-100');
      expect(second.body).toEqual(clip2.subarray(clip2.length - 100));
    });

    it("registers custody's reads of the segments it played as a service, once per segment, naming its principal and the session (R16.6, issue 16)", async () => {
      const entries = (await get('/v1/access-register', ownerOperator())).body.items as {
        accessKind: string;
        requestingOrganisationId: string;
        ownerOrganisationId: string;
        viewingSessionId: string | null;
        purpose: string;
        persons: { personId: string; onBehalfOf?: { kind: string; id: string } }[];
      }[];
      const reads = entries.filter((e) => e.accessKind === 'SERVICE_READ' && e.persons[0]?.onBehalfOf?.id === id);
      // Two segments were played, the first in many ranges: two reads.
      expect(reads).toHaveLength(2);
      const [view] = await registerLines(ownerOperator(), id);
      for (const read of reads) {
        expect(read).toMatchObject({
          requestingOrganisationId: (view as unknown as { requestingOrganisationId: string }).requestingOrganisationId,
          ownerOrganisationId: OWNER,
          viewingSessionId: null,
          persons: [{ personId: 'service:custody', onBehalfOf: { kind: 'VIEWING_SESSION', id } }],
        });
        expect(read.purpose).toMatch(new RegExp(`^PLAYBACK: SEGMENT .+ read by custody for VIEWING_SESSION ${id}$`));
      }
      // The session's own line still names its officers only.
      expect((await registerLines(ownerOperator(), id)).map((e) => (e as unknown as { accessKind: string }).accessKind)).toEqual(['VIEW']);
    });

    it('refuses a request without Range, with a range above the cap, or past the end, reading nothing from storage (R18.4)', async () => {
      const links = (await get(`/v1/viewing-sessions/${id}/playback-links`, officer('li'))).body;
      const url = playbackPath(id, links.segments[0].url);
      const reads = footage.reads.length;
      const whole = await play(url);
      expect([whole.status, jsonOf(whole).code]).toEqual([416, 'CUSTOS_R18_4_RANGE_REQUIRED']);
      const large = await play(url, `bytes=0-${MAX_RANGE}`);
      expect([large.status, jsonOf(large).code]).toEqual([416, 'CUSTOS_R18_4_RANGE_TOO_LARGE']);
      const past = await play(url, `bytes=${clip.length}-`);
      expect([past.status, jsonOf(past).code, past.headers['content-range']]).toEqual([
        416,
        'CUSTOS_INPUT_RANGE_NOT_SATISFIABLE',
        `bytes */${clip.length}`,
      ]);
      expect(footage.reads.length).toBe(reads);
    });

    it('refuses an expired, altered or misapplied link with 401 (R18.4)', async () => {
      const links = (await get(`/v1/viewing-sessions/${id}/playback-links`, officer('li'))).body;
      const url = playbackPath(id, links.segments[0].url);
      const [body, mac] = new URL(url, 'http://x').searchParams.get('link')!.split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), pid: 'person-officer-sun' }),
      ).toString('base64url');
      const altered = await play(`/v1/viewing-sessions/${id}/playback?link=${forged}.${mac}`, 'bytes=0-9');
      expect([altered.status, jsonOf(altered).code]).toEqual([401, 'CUSTOS_LINK_INVALID']);
      const elsewhere = await play(`/v1/viewing-sessions/another-session/playback?link=${body}.${mac}`, 'bytes=0-9');
      expect([elsewhere.status, jsonOf(elsewhere).code]).toEqual([401, 'CUSTOS_LINK_INVALID']);
      const asPlayer = await play(`/v1/viewing-sessions/${id}/player?link=${body}.${mac}`);
      expect([asPlayer.status, jsonOf(asPlayer).code]).toEqual([401, 'CUSTOS_LINK_INVALID']);
      t.setNow(minutes(2 + 5));
      const late = await play(url, 'bytes=0-9');
      expect([late.status, jsonOf(late).code]).toEqual([401, 'CUSTOS_LINK_EXPIRED']);
    });

    it('serves a player page by its own link: a <video> per segment, links refreshed, no bearer token needed', async () => {
      const links = (await get(`/v1/viewing-sessions/${id}/playback-links`, officer('zhang'))).body;
      const page = await play(playbackPath(id, links.playerUrl));
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-security-policy']).toContain("script-src 'nonce-");
      const html = (page.body as Buffer).toString('utf8');
      expect(html.match(/<video /g)).toHaveLength(2);
      expect(html).toContain('controlslist="nodownload');
      const src = /<video data-segment="seg-c1-1000" src="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
      expect((await play(playbackPath(id, src), 'bytes=0-9')).body).toEqual(clip.subarray(0, 10));
      const fresh = await play(playbackPath(id, links.playerUrl.replace('player?', 'player/links?')));
      expect(jsonOf(fresh).segments).toHaveLength(2);
    });

    it("stops giving the player fresh links once the officer's qualification is suspended, and gives them again once restored (R18.2)", async () => {
      const links = (await get(`/v1/viewing-sessions/${id}/playback-links`, officer('zhang'))).body;
      const refresh = playbackPath(id, links.playerUrl.replace('player?', 'player/links?'));
      expect((await play(refresh)).status).toBe(200);
      const before = await sessionEvents();
      await whileSuspended(t, 'zhang', async () => {
        const refused = await play(refresh);
        expect([refused.status, jsonOf(refused).code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
        const page = await play(playbackPath(id, links.playerUrl));
        expect([page.status, jsonOf(page).code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
      });
      expect(await sessionEvents()).toBe(before);
      expect((await play(refresh)).status).toBe(200);
    });

    it('records a refused player-link refresh as custody.ViewingRefused by the officer the link names, the session unchanged (R18.2, R26.1)', async () => {
      const links = (await get(`/v1/viewing-sessions/${id}/playback-links`, officer('zhang'))).body;
      const refresh = playbackPath(id, links.playerUrl.replace('player?', 'player/links?'));
      const before = await sessionEvents();
      const recordedBefore = (await viewingRefusals(`viewing-refusals:session:${id}`)).length;
      await whileSuspended(t, 'zhang', async () => {
        const refused = await play(refresh);
        expect([refused.status, jsonOf(refused).code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
      });
      expect(await sessionEvents()).toBe(before);
      const recorded = (await viewingRefusals(`viewing-refusals:session:${id}`)).slice(recordedBefore);
      expect(recorded).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ personId: 'person-officer-zhang', organisationId: PSB }),
          payload: expect.objectContaining({
            step: 'PLAYBACK_LINKS',
            sessionId: id,
            code: 'CUSTOS_R18_2_QUALIFICATION_INVALID',
            rule: 'R18.2',
            actor: expect.objectContaining({ personId: 'person-officer-zhang', credentialNumber: '61011300102' }),
          }),
        }),
      ]);
      const forged = await play(playbackPath(id, `${links.playerUrl.replace('player?', 'player/links?')}x`));
      expect(forged.status).toBe(401);
      expect((await viewingRefusals(`viewing-refusals:session:${id}`)).slice(recordedBefore)).toHaveLength(1);
    });

    it('cuts playback when the owner closes early, and registers the end (R18.4, R16.6)', async () => {
      const links = (await get(`/v1/viewing-sessions/${id}/playback-links`, officer('li'))).body;
      const url = playbackPath(id, links.segments[0].url);
      expect((await play(url, 'bytes=0-9')).status).toBe(206);
      const stranger = await post(`/v1/viewing-sessions/${id}/close`, ownerOperator('org-owner-bank'));
      expect([stranger.status, stranger.body.code]).toEqual([404, 'CUSTOS_R3_1_VIEWING_SESSION_NOT_FOUND']);
      t.setNow(minutes(3));
      const closed = await post(`/v1/viewing-sessions/${id}/close`, ownerOperator());
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'CLOSED',
        closeReason: 'CLOSED_BY_OWNER',
        closedAt: minutes(3).toISOString(),
      });
      const cut = await play(url, 'bytes=0-9');
      expect([cut.status, jsonOf(cut).code]).toEqual([409, 'CUSTOS_R18_4_SESSION_CLOSED']);
      const page = await play(playbackPath(id, links.playerUrl));
      expect(page.status).toBe(409);
      const rejoin = await post(`/v1/viewing-sessions/${id}/join`, officer('li'));
      expect(rejoin.body.code).toBe('CUSTOS_R18_4_SESSION_CLOSED');
      expect(await registerLines(ownerOperator(), id)).toEqual([
        expect.objectContaining({
          at: minutes(2).toISOString(),
          endedAt: minutes(3).toISOString(),
          endReason: 'CLOSED_BY_OWNER',
        }),
      ]);
      expect((await get(`/v1/viewing-sessions/${id}`, officer('li'))).body).toMatchObject({
        status: 'CLOSED',
        closeReason: 'CLOSED_BY_OWNER',
      });
    });
  });

  /** Wang: a qualified officer of the requesting organ who signed nothing. */
  const wangOfficer = () => officer('li', { subject: 'dev:officer.wang', personId: 'person-officer-wang', credentialNumber: '61011300109' });
  /** A learning app under policy onlySigners off (VIEWING_ONLY_SIGNERS=false), where wang is registered too. */
  const startLenientApp = async (name: string, extra: Parameters<typeof startCustodyApp>[3] = {}): Promise<CustodyTestApp> => {
    const app = await startLearningApp(name, { viewingExpiryIntervalMs: 0, officerPolicy: { officersOfOneOrgan: true, onlySigners: false }, ...extra });
    const li = OFFICERS.find((o) => o.personId === 'person-officer-li')!;
    app.officers.put({ ...li, personId: 'person-officer-wang', qualification: { ...li.qualification, credentialNumber: '61011300109' } });
    return app;
  };
  /** A call to `app` as `principal`, with its token. */
  const callerOf = (app: () => CustodyTestApp) => async (method: 'get' | 'post', path: string, principal: Principal) =>
    request(app().url)[method](path).set('authorization', `Bearer ${await tokenOf(principal)}`).send();
  /** The owner's operator opens a 30-minute session of `requestId` on `app`. */
  const openOn = async (app: CustodyTestApp, requestId: string) =>
    request(app.url).post('/v1/viewing-sessions').set('authorization', `Bearer ${await tokenOf(ownerOperator())}`).send({ requestId, durationMinutes: 30 });

  describe('policy onlySigners off (VIEWING_ONLY_SIGNERS=false)', () => {
    let lenient: CustodyTestApp;
    const wang = wangOfficer();
    const call = callerOf(() => lenient);

    beforeAll(async () => {
      lenient = await startLenientApp('custody-viewing-lenient');
    });
    afterAll(() => lenient?.close());

    it('lets a qualified officer of the requesting organ who did not sign join and play, and no officer of another organ (R18.1 policy)', async () => {
      const opened = await openOn(lenient, 'req-view-1');
      expect(opened.status).toBe(201);
      const id = opened.body.sessionId as string;
      const other = await call('post', `/v1/viewing-sessions/${id}/join`, officer('chen'));
      expect([other.status, other.body.code]).toEqual([403, 'CUSTOS_R18_1_VIEWER_OF_ANOTHER_ORGAN']);
      const suspended = await call('post', `/v1/viewing-sessions/${id}/join`, officer('sun'));
      expect([suspended.status, suspended.body.code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
      expect((await call('post', `/v1/viewing-sessions/${id}/join`, officer('li'))).body).toMatchObject({ bothJoined: false });
      const joined = await call('post', `/v1/viewing-sessions/${id}/join`, wang);
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({
        bothJoined: true,
        joined: [
          { personId: 'person-officer-li', credentialNumber: '61011300101' },
          { personId: 'person-officer-wang', credentialNumber: '61011300109' },
        ],
      });
      const links = await call('get', `/v1/viewing-sessions/${id}/playback-links`, wang);
      expect(links.status).toBe(200);
      expect((await call('post', `/v1/viewing-sessions/${id}/join`, officer('zhang'))).status).toBe(200);
      const register = ((await call('get', '/v1/access-register', ownerOperator())).body.items as { viewingSessionId: string; persons: { personId: string }[] }[]).filter(
        (e) => e.viewingSessionId === id,
      );
      expect(register.map((e) => e.persons.map((p) => p.personId))).toEqual([['person-officer-li', 'person-officer-wang', 'person-officer-zhang']]);
    });
  });

  describe('a pack asking three officers (CN2025_MINIMUM_OFFICERS=3, RULE_PACK_COMPOSITION=HIGHEST_RANK_ONLY)', () => {
    let three: CustodyTestApp;
    const wang = wangOfficer();
    const call = callerOf(() => three);

    beforeAll(async () => {
      // Through the settings as a deployment gives them: Shaanxi from 2025-04-01 under the national text alone.
      const config = loadConfig(CustodyConfig, { EMBEDDED_MODE: 'true', RULE_PACK_COMPOSITION: 'HIGHEST_RANK_ONLY', CN2025_MINIMUM_OFFICERS: '3' });
      three = await startLenientApp('custody-viewing-three', { rulePacks: rulePacksOf(config) });
    });
    afterAll(() => three?.close());

    it('plays only once the pack\'s three officers joined, and records the pack and its minimum (CN2025-USE, CN2025_MINIMUM_OFFICERS)', async () => {
      const res = await openOn(three, 'req-view-1');
      expect(res.status).toBe(201);
      const id = res.body.sessionId as string;
      expect((await call('post', `/v1/viewing-sessions/${id}/join`, officer('li'))).body).toMatchObject({ bothJoined: false });
      expect((await call('post', `/v1/viewing-sessions/${id}/join`, officer('zhang'))).body).toMatchObject({ bothJoined: false });
      const early = await call('get', `/v1/viewing-sessions/${id}/playback-links`, officer('li'));
      expect([early.status, early.body.code]).toEqual([403, 'CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED']);
      expect((await call('post', `/v1/viewing-sessions/${id}/join`, wang)).body).toMatchObject({ bothJoined: true });
      expect((await call('get', `/v1/viewing-sessions/${id}/playback-links`, officer('li'))).status).toBe(200);
      const events = (await three.pool.query('SELECT envelope FROM es_events WHERE aggregate_id = $1 ORDER BY sequence', [viewingSessionAggregateId(id)])).rows.map(
        (r: { envelope: { type: string; payload: { rulePack?: object; minimumOfficers?: number } } }) => r.envelope,
      );
      expect(events[0]).toMatchObject({ type: 'custody.ViewingSessionOpened', payload: { minimumOfficers: 3, rulePack: { id: 'CN2025', version: '1.0.0' } } });
      expect(events.filter((e) => e.type === 'custody.OfficerJoinedViewing').map((e) => e.payload.rulePack)).toEqual(Array(3).fill({ id: 'CN2025', version: '1.0.0' }));
    });

    it('records its own refusal under the pack of the viewing\'s place (custody.ViewingRefused, issue 21)', async () => {
      const res = await openOn(three, 'req-view-end');
      const id = res.body.sessionId as string;
      const stranger = await call('post', `/v1/viewing-sessions/${id}/end`, officer('sun'));
      expect(stranger.body.code).toBe('CUSTOS_R18_1_NOT_A_VIEWER');
      const refusals = (await recordedRefusals(three.pool)).filter((r) => r.aggregateId === `viewing-refusals:session:${id}`);
      expect(refusals.map((r) => r.payload.rulePack)).toEqual([{ id: 'CN2025', version: '1.0.0' }]);
    });
  });

  it('refuses a co-signer who shows no credential, or whose qualification has lapsed, recording nothing (R18.2)', async () => {
    const opened = await open('req-view-zhao');
    expect(opened.status).toBe(201);
    const before = await sessionEvents();
    const unshown = await post(`/v1/viewing-sessions/${opened.body.sessionId}/join`, officer('li', { credentialNumber: undefined }));
    expect([unshown.status, unshown.body.code]).toEqual([403, 'CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN']);
    const res = await post(`/v1/viewing-sessions/${opened.body.sessionId}/join`, officer('zhao'));
    expect([res.status, res.body.code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
    expect(await sessionEvents()).toBe(before);
  });

  it('lets either officer end the session (ENDED_BY_OFFICERS), and a stranger not', async () => {
    const { id } = await joinedSession('req-view-end');
    const stranger = await post(`/v1/viewing-sessions/${id}/end`, officer('sun'));
    expect([stranger.status, stranger.body.code]).toEqual([403, 'CUSTOS_R18_1_NOT_A_VIEWER']);
    expect((await viewingRefusals(`viewing-refusals:session:${id}`)).map((r) => [r.payload.step, r.payload.code])).toEqual([['END', 'CUSTOS_R18_1_NOT_A_VIEWER']]);
    const ended = await post(`/v1/viewing-sessions/${id}/end`, officer('zhang'));
    expect(ended.body).toMatchObject({ status: 'CLOSED', closeReason: 'ENDED_BY_OFFICERS' });
    expect(await registerLines(ownerOperator(), id)).toEqual([
      expect.objectContaining({ endReason: 'ENDED_BY_OFFICERS', endedAt: NOW.toISOString() }),
    ]);
  });

  it('pages the viewing sessions newest first to the owner and the requesting organ, without gap or repeat; a foreign cursor is a coded 400 (issue 15, R5.1)', async () => {
    for (const who of [ownerOperator(), officer('li')]) await expectSessionsNewestFirst((path) => get(path, who), '/v1/viewing-sessions');
    expect((await get('/v1/viewing-sessions', ownerOperator('org-owner-bank'))).body).toEqual({ items: [], nextCursor: null });
    const refused = await get('/v1/viewing-sessions?cursor=not-a-cursor', ownerOperator());
    expect([refused.status, refused.body.code]).toEqual([400, 'CUSTOS_INPUT_CURSOR_INVALID']);
  });

  describe('a VIEW request withdrawn while its session is open (R18.3, R16.6)', () => {
    let id: string;
    let url: string;
    let playerUrl: string;
    let withdrawal: EventEnvelope;
    const closeEvents = async () =>
      (
        await new EventStore(t.pool, 'custody', custodyEventRegistry()).readStream(viewingSessionAggregateId(id))
      ).filter((e) => e.type === 'custody.ViewingSessionClosed');

    it('closes the session (REQUEST_WITHDRAWN), cuts playback and ends the register line', async () => {
      const joined = await joinedSession('req-view-withdraw-open');
      id = joined.id;
      url = playbackPath(id, joined.links.segments[0].url);
      playerUrl = playbackPath(id, joined.links.playerUrl);
      expect((await play(url, 'bytes=0-9')).status).toBe(206);
      t.setNow(minutes(4));
      withdrawal = await withdraw('req-view-withdraw-open', minutes(4));
      const closed = await closedSession(id, 'the withdrawal through the broker', 30_000);
      expect(closed).toMatchObject({ closeReason: 'REQUEST_WITHDRAWN', closedAt: minutes(4).toISOString() });
      // The links are still within their 5 minutes: it is the session that refuses.
      const cut = await play(url, 'bytes=0-9');
      expect([cut.status, jsonOf(cut).code, jsonOf(cut).details]).toEqual([
        409,
        'CUSTOS_R18_4_SESSION_CLOSED',
        expect.objectContaining({ reason: 'REQUEST_WITHDRAWN' }),
      ]);
      expect((await play(playerUrl)).status).toBe(409);
      const links = await get(`/v1/viewing-sessions/${id}/playback-links`, officer('zhang'));
      expect([links.status, links.body.code]).toEqual([409, 'CUSTOS_R18_4_SESSION_CLOSED']);
      expect(await registerLines(ownerOperator(), id)).toEqual([
        expect.objectContaining({
          at: NOW.toISOString(),
          endedAt: minutes(4).toISOString(),
          endReason: 'REQUEST_WITHDRAWN',
        }),
      ]);
      const [event] = await closeEvents();
      expect(event.payload).toMatchObject({ reason: 'REQUEST_WITHDRAWN', closedByPersonId: 'person-officer-li' });
      expect(event).toMatchObject({ actor: { roles: ['SERVICE'] }, causationId: withdrawal.id });
      const reopen = await open('req-view-withdraw-open');
      expect([reopen.status, reopen.body.code]).toEqual([409, 'CUSTOS_R18_3_VIEW_REQUEST_WITHDRAWN']);
    });

    it('records one close only when the withdrawal is delivered again', async () => {
      // The relay republishes after a crash: the very same message, then a later event of the same request (same partition).
      const { rows } = await side.upstream.pool.query('SELECT envelope::text AS canonical FROM es_events WHERE id = $1', [
        withdrawal.id,
      ]);
      await side.transport.publish([
        {
          topic: eventTopic('requests', side.topicPrefix),
          key: withdrawal.aggregateId,
          eventId: withdrawal.id,
          value: Buffer.from(rows[0].canonical as string, 'utf8'),
        },
      ]);
      const [marker] = await requestsEvents.append({
        aggregateId: withdrawal.aggregateId,
        expectedVersion: 3,
        events: [
          {
            type: FEE_CHARGE_REFUSED,
            schemaVersion: 1,
            payload: {
              ownerOrganisationId: OWNER,
              attemptedBy: 'person-operator',
              amount: 10,
              code: 'CUSTOS_R17_5_NO_FEE',
              rule: 'R17.5',
              reason: 'no fee',
            },
            actor: { subject: 'operator', personId: 'person-operator', organisationId: OWNER },
            correlationId: 'corr-marker',
          },
        ],
      });
      await waitFor(
        'the event after the redelivered withdrawal',
        async () =>
          (
            await t.pool.query('SELECT 1 FROM es_inbox WHERE consumer = $1 AND event_id = $2', [
              'custody-viewing-requests',
              marker.id,
            ])
          ).rowCount
            ? true
            : undefined,
        30_000,
        200,
      );
      expect(await closeEvents()).toHaveLength(1);
      // Even handled again past the inbox, the closed session records nothing more.
      const commands = t.app.get(ViewingSessionCommands);
      t.setNow(minutes(5));
      await inTransaction(t.pool, (tx) =>
        recordViewRequest(withdrawal, tx, (w, inTx, p) => commands.endForWithdrawnRequest(w, inTx, p)),
      );
      expect(await closeEvents()).toHaveLength(1);
      expect(await registerLines(ownerOperator(), id)).toEqual([
        expect.objectContaining({ endedAt: minutes(4).toISOString(), endReason: 'REQUEST_WITHDRAWN' }),
      ]);
    });
  });

  it('records EXPIRED at the end of its time by the sweep; playback stops at that time, swept or not (R18.4)', async () => {
    const { id, links } = await joinedSession('req-view-expire', 10);
    const url = playbackPath(id, links.segments[0].url);
    t.setNow(minutes(4));
    expect((await play(url, 'bytes=0-9')).status).toBe(206);
    t.setNow(minutes(10));
    // A link never outlives its session; and the session refuses on its own, swept or not.
    const cut = await play(url, 'bytes=0-9');
    expect([cut.status, jsonOf(cut).code]).toEqual([401, 'CUSTOS_LINK_EXPIRED']);
    const refused = await get(`/v1/viewing-sessions/${id}/playback-links`, officer('li'));
    expect([refused.status, refused.body.code]).toEqual([409, 'CUSTOS_R18_4_SESSION_CLOSED']);
    const swept = await closedSession(id, 'the expiry sweep', 15_000);
    expect(swept).toMatchObject({ closeReason: 'EXPIRED', closedAt: minutes(10).toISOString() });
    expect(await registerLines(ownerOperator(), id)).toEqual([
      expect.objectContaining({ endReason: 'EXPIRED', endedAt: minutes(10).toISOString() }),
    ]);
    const stream = await new EventStore(t.pool, 'custody', custodyEventRegistry()).readStream(
      viewingSessionAggregateId(id),
    );
    const closed = stream.filter((e) => e.type === 'custody.ViewingSessionClosed');
    expect(closed).toHaveLength(1);
    expect(closed[0].actor).toMatchObject({ roles: ['SERVICE'] });
  });
});
