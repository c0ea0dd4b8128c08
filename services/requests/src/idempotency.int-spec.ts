import { officerPrincipal } from '@custos/testing';
import { aRequest, RequestsTestApp, startRequestsApp } from './testing/requests-app';

/** Idempotency-Key on commands (issue 14), against the service's own real Postgres. */
describe('a retried command with its Idempotency-Key', () => {
  let t: RequestsTestApp;
  const filer = officerPrincipal('psb-yanta-a', 'psb-yanta');

  beforeAll(async () => {
    t = await startRequestsApp();
  });
  afterAll(() => t.close());

  const requestCount = async () => Number((await t.pool.query(`SELECT count(*) AS n FROM es_events WHERE type = 'requests.RequestFiled'`)).rows[0].n);

  it('files one request for two POST /requests with one key, answering the first answer again', async () => {
    const before = await requestCount();
    const as = await t.as(filer);
    const body = aRequest();
    const first = await as.post('/v1/requests', body, { 'idempotency-key': 'retry-1' });
    const second = await as.post('/v1/requests', body, { 'idempotency-key': 'retry-1' });
    expect(first.status).toBe(201);
    expect({ status: second.status, body: second.body }).toEqual({ status: 201, body: first.body });
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(await requestCount()).toBe(before + 1);
  });

  it('files one request for ten concurrent duplicates (the key is unique in Postgres)', async () => {
    const before = await requestCount();
    const as = await t.as(filer);
    const body = aRequest({ caseReference: 'XA-2025-0777' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => as.post('/v1/requests', body, { 'idempotency-key': 'burst-1' })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.requestId)).size).toBe(1);
    expect(await requestCount()).toBe(before + 1);
  });

  it('refuses the same key with another body with a coded 409, changing nothing', async () => {
    const as = await t.as(filer);
    expect((await as.post('/v1/requests', aRequest(), { 'idempotency-key': 'reused-1' })).status).toBe(201);
    const events = await t.eventCount();
    const other = await as.post('/v1/requests', aRequest({ purpose: 'another purpose entirely' }), { 'idempotency-key': 'reused-1' });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 409, code: 'CUSTOS_INPUT_IDEMPOTENCY_KEY_REUSED' });
    expect(await t.eventCount()).toBe(events);
  });

  it('keeps keys per principal: another officer with the same key files their own request', async () => {
    const before = await requestCount();
    const body = aRequest({ caseReference: 'XA-2025-0888' });
    const mine = await (await t.as(filer)).post('/v1/requests', body, { 'idempotency-key': 'shared-key' });
    const theirs = await (await t.as(officerPrincipal('psb-yanta-b', 'psb-yanta'))).post('/v1/requests', body, { 'idempotency-key': 'shared-key' });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.requestId).not.toBe(mine.body.requestId);
    expect(await requestCount()).toBe(before + 2);
  });

  it('lets a refused command be tried again with its key: a refusal changed nothing and is not kept', async () => {
    const as = await t.as(filer);
    const refused = await as.post('/v1/requests', aRequest({ cameraIds: ['cam-nowhere'] }), { 'idempotency-key': 'after-refusal' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const again = await as.post('/v1/requests', aRequest({ cameraIds: ['cam-nowhere'] }), { 'idempotency-key': 'after-refusal' });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: refused.status, code: refused.body.code });
    expect(again.headers['idempotency-replayed']).toBeUndefined();
  });

  it('refuses a key that is not 1–255 printable ASCII characters', async () => {
    const as = await t.as(filer);
    const events = await t.eventCount();
    for (const key of ['x'.repeat(256), 'with space', '']) {
      const res = await as.post('/v1/requests', aRequest(), { 'idempotency-key': key });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'CUSTOS_INPUT_IDEMPOTENCY_KEY_INVALID' });
    }
    expect(await t.eventCount()).toBe(events);
  });
});
