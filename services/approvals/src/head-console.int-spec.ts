import { openApiDocumentOf } from '@custos/platform';
import { parseApprovalQr } from '@custos/domain';
import request from 'supertest';
import { approverPrincipal, orgById, WORLD } from '@custos/testing';
import { InMemoryApprovalsRegistryFacts } from './registry/in-memory-registry-facts';
import { ApprovalsTestApp, coSignedRequest, startApprovalsApp } from './testing/approvals-app';

const NAMES = {
  organisations: { 'psb-yanta': '西安市公安局雁塔分局', 'station-yanta': '小寨路派出所' },
  persons: { 'station-yanta-a': '李明', 'station-yanta-b': '张伟' },
  cameras: { 'cam-mall-1': '赛格商场东门入口' },
};

/** What the head's pages of the console read (issue 17): the queue with names, counts, paging, the printable document and its public check. */
describe("the approving head's console API (R17.2–R17.4, R18.2, R18.5)", () => {
  let t: ApprovalsTestApp;

  beforeAll(async () => {
    t = await startApprovalsApp({ registry: new InMemoryApprovalsRegistryFacts({ ...WORLD, names: NAMES }) });
  });
  afterAll(() => t.close());

  async function openCase(kind: string, openedAt: string, requesterId = 'station-yanta') {
    const { requestId, events } = coSignedRequest({ requesterOrg: orgById(requesterId), kind, filer: `${requesterId}-a`, coSigner: `${requesterId}-b` });
    (events[1].payload as { coSignedAt: string }).coSignedAt = openedAt;
    await t.deliver(events);
    return requestId;
  }

  const publicGet = (path: string) => request(t.app.getHttpServer()).get(path);

  it('shows each case with the routing rule and reason, the signers by name with the credentials they showed, and the cameras by name (R17.3, R18.2)', async () => {
    const requestId = await openCase('COPY', new Date(Date.now() - 5_000).toISOString());
    const res = await (await t.as(approverPrincipal('psb-yanta'))).get(`/v1/approval-cases/${requestId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      requestId,
      status: 'OPEN',
      rule: 'R17.3',
      routing: { rule: 'R17.3', approverOrgTypes: ['PUBLIC_SECURITY'], minLevel: 'COUNTY' },
      requestingOrganisation: { id: 'station-yanta', name: '小寨路派出所' },
      signers: [
        { role: 'FILER', personId: 'station-yanta-a', name: '李明', credentialNumber: 'CRED-station-yanta-a' },
        { role: 'CO_SIGNER', personId: 'station-yanta-b', name: '张伟', credentialNumber: 'CRED-station-yanta-b' },
      ],
      cameras: [{ id: 'cam-mall-1', name: '赛格商场东门入口' }],
      decision: null,
    });
    expect(res.body.routing.reason).toMatch(/^R17\.3: /);
    const list = await (await t.as(approverPrincipal('psb-yanta'))).get('/v1/approval-cases?limit=200');
    expect(list.body.items.find((c: { requestId: string }) => c.requestId === requestId)).toEqual({ ...res.body, ageMs: expect.any(Number) });
  });

  it('hides a case from a head who is not competent for it, as if it did not exist (R17.3, R3.1)', async () => {
    const requestId = await openCase('COPY', new Date().toISOString());
    const res = await (await t.as(approverPrincipal('psb-beilin'))).get(`/v1/approval-cases/${requestId}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CUSTOS_NOT_FOUND');
  });

  it('pages the queue oldest first by cursor, and counts it by kind under the same filters (R17.3)', async () => {
    const base = Date.parse('2026-01-05T00:00:00Z');
    const ids = [];
    for (const [i, kind] of ['RETRIEVE', 'COPY', 'RETRIEVE', 'DIRECT_ACCESS', 'COPY'].entries()) {
      ids.push(await openCase(kind, new Date(base + i * 60_000).toISOString(), 'market-yanta'));
    }
    const api = await t.as(approverPrincipal('psb-yanta'));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await api.get(`/v1/approval-cases?requestingOrganisationId=market-yanta&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: { requestId: string }) => c.requestId));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    // DIRECT_ACCESS of an administrative organ routes elsewhere (R17.4): the Yanta PSB sees the four others.
    expect(seen).toEqual(ids.filter((_, i) => i !== 3));

    const counts = await api.get('/v1/approval-cases/counts?requestingOrganisationId=market-yanta');
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({ head: true, total: 4, byKind: { COPY: 2, RETRIEVE: 2, DIRECT_ACCESS: 0 }, oldestOpenedAt: new Date(base).toISOString() });
    const old = await api.get(`/v1/approval-cases/counts?requestingOrganisationId=market-yanta&kind=RETRIEVE&openedBefore=${encodeURIComponent(new Date(base + 60_000).toISOString())}`);
    expect(old.body).toMatchObject({ total: 1, byKind: { RETRIEVE: 1 } });

    const bad = await api.get('/v1/approval-cases?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CUSTOS_INPUT_CURSOR_INVALID');
  });

  it('gives the printable document with names and credentials, and a QR query the public check reads as valid, then revoked once revoked (R18.5)', async () => {
    const requestId = await openCase('COPY', new Date().toISOString());
    const head = await t.as(approverPrincipal('psb-yanta'));
    const approved = await head.post(`/v1/approval-cases/${requestId}/approve`);
    expect(approved.status).toBe(200);
    const signed = approved.body.signedDocument;

    const printable = await head.get(`/v1/approval-cases/${requestId}/document/printable`);
    expect(printable.status).toBe(200);
    expect(printable.body).toMatchObject({
      signedDocument: signed,
      issuingOrganisation: { id: 'psb-yanta', name: '西安市公安局雁塔分局' },
      requestingOrganisation: { id: 'station-yanta', name: '小寨路派出所' },
      filedBy: { personId: 'station-yanta-a', name: '李明', credentialNumber: 'CRED-station-yanta-a' },
      coSignedBy: { personId: 'station-yanta-b', name: '张伟', credentialNumber: 'CRED-station-yanta-b' },
      cameras: [{ id: 'cam-mall-1', name: '赛格商场东门入口' }],
      status: 'VALID',
      revokedAt: null,
    });
    expect(parseApprovalQr(printable.body.qrQuery)).toEqual({ documentId: signed.document.documentId, number: signed.document.number, signature: signed.signature });

    // No token: anyone who scans the paper may ask.
    const valid = await publicGet(`/v1/approval-documents/verification?${printable.body.qrQuery}`);
    expect(valid.status).toBe(200);
    expect(valid.headers['cache-control']).toBe('no-store');
    expect(valid.body).toMatchObject({
      status: 'VALID',
      problem: null,
      document: { number: signed.document.number, kind: 'COPY', issuingOrganisation: { name: '西安市公安局雁塔分局' }, validUntil: signed.document.validUntil },
    });
    // It reveals no officer, camera, case or purpose.
    expect(JSON.stringify(valid.body)).not.toMatch(/station-yanta-a|cam-mall-1|CASE-|theft/);

    const decided = await head.get(`/v1/approval-cases?status=APPROVED&limit=200`);
    expect(decided.body.items.find((c: { requestId: string }) => c.requestId === requestId)?.decision).toMatchObject({
      documentNumber: signed.document.number,
      documentId: signed.document.documentId,
      revokedAt: null,
    });

    expect((await head.post(`/v1/approval-cases/${requestId}/revoke`, { reason: '案件已撤销' })).status).toBe(200);
    const revoked = await publicGet(`/v1/approval-documents/verification?${printable.body.qrQuery}`);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', document: { number: signed.document.number } });
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await head.get(`/v1/approval-cases/${requestId}/document/printable`)).body).toMatchObject({ status: 'REVOKED', revocationReason: '案件已撤销' });
    expect((await head.get(`/v1/approval-cases/${requestId}`)).body.decision.revokedAt).toEqual(expect.any(String));
  });

  it('answers TAMPERED for another signature, another number or an unknown document, and 400 for a payload of the wrong form (R18.5)', async () => {
    const requestId = await openCase('RETRIEVE', new Date().toISOString());
    const approved = await (await t.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${requestId}/approve`);
    const { document, signature } = approved.body.signedDocument;
    const sig = Buffer.from(signature, 'base64');
    const query = (d: string, n: string, s: Buffer) => `/v1/approval-documents/verification?d=${d}&n=${n}&s=${s.toString('base64url')}`;
    expect((await publicGet(query(document.documentId, document.number, sig))).body.status).toBe('VALID');

    const flipped = Buffer.from(sig);
    flipped[10] ^= 1;
    const forged = await publicGet(query(document.documentId, document.number, flipped));
    expect(forged.body).toEqual(expect.objectContaining({ status: 'TAMPERED', problem: 'SIGNATURE_MISMATCH', document: null }));
    const otherNumber = document.number.replace(/\d{6}$/, '999999');
    expect((await publicGet(query(document.documentId, otherNumber, sig))).body).toMatchObject({ status: 'TAMPERED', problem: 'NUMBER_MISMATCH', document: null });
    expect((await publicGet(query('00000000-0000-4000-8000-000000000000', document.number, sig))).body).toMatchObject({ status: 'TAMPERED', problem: 'UNKNOWN_DOCUMENT' });

    const malformed = await publicGet(`/v1/approval-documents/verification?d=${document.documentId}&n=${document.number}&s=short`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('CUSTOS_VALIDATION_FAILED');
  });

  it("documents every operation the head's pages call with its response schema and its coded refusals", async () => {
    const doc = openApiDocumentOf(t.app, 'approvals');
    const operations: [string, 'get' | 'post', string[]][] = [
      ['/approval-cases', 'get', ['200', '400', '401']],
      ['/approval-cases/counts', 'get', ['200', '401']],
      ['/approval-cases/{requestId}', 'get', ['200', '404']],
      ['/approval-cases/{requestId}/approve', 'post', ['200', '403', '409']],
      ['/approval-cases/{requestId}/deny', 'post', ['200', '400', '403', '409']],
      ['/approval-cases/{requestId}/revoke', 'post', ['200', '403', '409']],
      ['/approval-cases/{requestId}/document', 'get', ['200', '404']],
      ['/approval-cases/{requestId}/document/printable', 'get', ['200', '404']],
      ['/approval-documents/verification', 'get', ['200', '400']],
    ];
    for (const [path, method, statuses] of operations) {
      const operation = doc.paths[path]?.[method];
      expect({ path, documented: operation !== undefined }).toEqual({ path, documented: true });
      for (const status of statuses) {
        const response = operation!.responses[status] as { content?: Record<string, { schema?: object }> };
        expect({ path, status, schema: response?.content?.[status.startsWith('2') ? 'application/json' : 'application/problem+json']?.schema !== undefined }).toEqual({ path, status, schema: true });
      }
    }
    expect(doc.paths['/approval-documents/verification'].get!.security ?? []).toEqual([]);
    expect(doc.paths['/approval-cases'].get!.security).toEqual([{ bearer: [] }]);
  });
});
