// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { exportAggregateId, exportRefusalsAggregateId, segmentAggregateId } from '@custos/contracts';
import { aPrincipal, TestIssuer } from '@custos/auth';
import { EventStore } from '@custos/eventstore';
import { binaryBody, testS3Client } from '@custos/testing';
import { readTar } from './export-package/tar';
import { verifyExportPackage } from './export-package/verify-export-package';
import { DAY_MS } from './footage-store/footage-store.port';
import { RetentionRefusedError } from './footage-store/retention-policy';
import { StorageModule } from './storage.module';
import { UploadSessions } from './commands/upload-session/upload-sessions';
import {
  approvalDocument,
  cameras,
  NOW,
  otherOwner,
  owner,
  signed,
  StorageTestApp,
} from './testing/storage.test-support';
import { useStorageSuite } from './testing/storage-suite';
import { InMemoryApprovalTrust } from '@custos/platform';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('storage service over HTTP (issue 6)', () => {
  let issuer: TestIssuer, t: StorageTestApp, ownerToken: string, events: EventStore;
  const suite = useStorageSuite('storage-api');
  beforeAll(() => ({ issuer, t, ownerToken, events } = suite));

  const ingest = (segmentId: string, cameraId: string, from: string, to: string, body: Buffer, token = ownerToken) =>
    request(t.url)
      .put(`/v1/footage/segments/${segmentId}`)
      .query({ cameraId, from, to, container: 'mp4', codec: 'h264' })
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/octet-stream')
      .send(body);

  const counts = async () => {
    const { rows } = await t.pool.query(
      `SELECT (SELECT count(*) FROM storage_segments)::int AS segments, (SELECT count(*) FROM storage_exports)::int AS exports,
              (SELECT count(*) FROM es_events WHERE type <> 'storage.ExportRefused')::int AS events,
              (SELECT count(*) FROM es_events WHERE type = 'storage.ExportRefused')::int AS refusals`,
    );
    return rows[0] as { segments: number; exports: number; events: number; refusals: number };
  };

  async function packageBytes(exportId: string): Promise<Buffer> {
    const response = await request(t.url)
      .get(`/v1/footage/exports/${exportId}`)
      .set('authorization', `Bearer ${ownerToken}`)
      .buffer(true)
      .parse(binaryBody);
    expect(response.status).toBe(200);
    return response.body as Buffer;
  }

  describe('ingest (R16.3)', () => {
    it("refuses a segment from a validly signed token claiming a division the registry does not hold for its owner, storing nothing (R5.1, issue 16)", async () => {
      const body = Buffer.from('segment from elsewhere');
      const response = await ingest('seg-claims-1', 'cam-1', '2026-02-01T12:00:00Z', '2026-02-01T13:00:00Z', body, await issuer.tokenFor(owner({ divisionCode: '610100' })));
      expect([response.status, response.body.code]).toEqual([403, 'CUSTOS_R5_1_CLAIMED_DIVISION_NOT_IN_REGISTRY']);
      expect(await events.readStream(segmentAggregateId('seg-claims-1'))).toEqual([]);
    });

    it("stores an owner's segment write-once, streamed, with its SHA-256 and the SegmentIngested event (R16.3)", async () => {
      const body = Buffer.from('segment one bytes');
      const response = await ingest('seg-ingest-1', 'cam-1', '2026-02-01T10:00:00Z', '2026-02-01T11:00:00Z', body);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        segmentId: 'seg-ingest-1',
        cameraId: 'cam-1',
        sizeBytes: body.length,
        sha256: sha256(body),
      });
      const [event] = await events.readStream(segmentAggregateId('seg-ingest-1'));
      expect(event).toMatchObject({
        type: 'storage.SegmentIngested',
        actor: { subject: 'owner-a-operator', organisationId: 'org-owner-a' },
        payload: { sha256: sha256(body), cameraId: 'cam-1', organisationId: 'org-owner-a' },
      });
      const retention = await t.store.retention({
        key: event.payload.objectKey as string,
        versionId: event.payload.versionId as string,
      });
      expect(retention.mode).toBe('COMPLIANCE');
    });

    it("locks a segment COMPLIANCE for its image system's retention, 90 days where the registry says so (R16.7)", async () => {
      const before = Date.now();
      const response = await ingest('seg-vault-1', 'cam-vault', '2026-02-01T10:00:00Z', '2026-02-01T11:00:00Z', Buffer.from('vault'));
      expect(response.status).toBe(201);
      expect(Date.parse(response.body.retainUntil)).toBeGreaterThanOrEqual(before + 90 * DAY_MS - 1000);
      const [event] = await events.readStream(segmentAggregateId('seg-vault-1'));
      expect(event.payload).toMatchObject({ retentionDays: 90, retainUntil: response.body.retainUntil });
      const retention = await t.store.retention({ key: event.payload.objectKey as string, versionId: event.payload.versionId as string });
      expect(retention).toEqual({ mode: 'COMPLIANCE', retainUntil: new Date(response.body.retainUntil) });
      const plain = await ingest('seg-floor-1', 'cam-1', '2026-02-01T10:00:00Z', '2026-02-01T11:00:00Z', Buffer.from('plain'));
      expect(Date.parse(plain.body.retainUntil)).toBeLessThan(before + 31 * DAY_MS);
    });

    it('refuses a PUT on an existing segment with R16.3, records the attempt and keeps the original (R16.3)', async () => {
      await ingest('seg-once', 'cam-1', '2026-02-01T11:00:00Z', '2026-02-01T12:00:00Z', Buffer.from('original')).expect(
        201,
      );
      const before = await counts();
      const response = await ingest(
        'seg-once',
        'cam-1',
        '2026-02-01T11:00:00Z',
        '2026-02-01T12:00:00Z',
        Buffer.from('replaced'),
      );
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE', rule: 'R16.3' });
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts/);
      const stream = await events.readStream(segmentAggregateId('seg-once'));
      expect(stream.map((e) => e.type)).toEqual(['storage.SegmentIngested', 'storage.OriginalAlterationRefused']);
      expect(stream[1].payload).toMatchObject({
        operation: 'OVERWRITE',
        code: 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE',
        rule: 'R16.3',
      });
      expect(await counts()).toEqual({ ...before, events: before.events + 1 });
      const chunks: Buffer[] = [];
      const original = stream[0].payload as { objectKey: string; versionId: string; sha256: string };
      for await (const c of await t.store.read({ key: original.objectKey, versionId: original.versionId }))
        chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('original');
    });

    it('refuses every DELETE with R16.3 and records it; the original stays (R16.3)', async () => {
      await ingest('seg-keep', 'cam-1', '2026-02-01T12:00:00Z', '2026-02-01T13:00:00Z', Buffer.from('kept')).expect(
        201,
      );
      const response = await request(t.url)
        .delete('/v1/footage/segments/seg-keep')
        .set('authorization', `Bearer ${ownerToken}`);
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE', rule: 'R16.3' });
      const stream = await events.readStream(segmentAggregateId('seg-keep'));
      expect(stream[1]).toMatchObject({
        type: 'storage.OriginalAlterationRefused',
        payload: { operation: 'DELETE', exists: true },
      });
      const { rows } = await t.pool.query('SELECT sha256 FROM storage_segments WHERE segment_id = $1', ['seg-keep']);
      expect(rows).toEqual([{ sha256: sha256(Buffer.from('kept')) }]);
    });

    it('the database refuses UPDATE and DELETE of a segment record (R16.3)', async () => {
      await expect(
        t.pool.query(`UPDATE storage_segments SET sha256 = 'x' WHERE segment_id = 'seg-keep'`),
      ).rejects.toThrow(/R16_3/);
      await expect(t.pool.query(`DELETE FROM storage_segments WHERE segment_id = 'seg-keep'`)).rejects.toThrow(/R16_3/);
    });

    it("refuses footage for another organisation's camera, storing nothing (R3.1)", async () => {
      const before = await counts();
      const response = await ingest(
        'seg-foreign',
        'cam-b',
        '2026-02-01T10:00:00Z',
        '2026-02-01T11:00:00Z',
        Buffer.from('x'),
      );
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'CUSTOS_AUTH_WRONG_ORGANISATION' });
      expect(await counts()).toEqual(before);
      expect(await t.store.exists('originals/org-owner-b/cam-b/seg-foreign')).toBe(false);
    });

    it('refuses ingest by an officer: only owners upload (R3.1)', async () => {
      const officer = await issuer.tokenFor(aPrincipal());
      const response = await ingest(
        'seg-officer',
        'cam-1',
        '2026-02-01T10:00:00Z',
        '2026-02-01T11:00:00Z',
        Buffer.from('x'),
        officer,
      );
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'CUSTOS_AUTH_ROLE_REQUIRED' });
    });

    it('refuses an unauthenticated upload (R3.1)', async () => {
      const response = await request(t.url).put('/v1/footage/segments/seg-anon').send(Buffer.from('x'));
      expect(response.status).toBe(401);
    });

    it('refuses malformed metadata and an empty window with coded 400s, storing nothing (R18.4)', async () => {
      const before = await counts();
      const bad = await ingest('seg-bad', 'cam-1', 'yesterday', '2026-02-01T11:00:00Z', Buffer.from('x'));
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'CUSTOS_VALIDATION_FAILED' });
      const empty = await ingest(
        'seg-empty',
        'cam-1',
        '2026-02-01T11:00:00Z',
        '2026-02-01T11:00:00Z',
        Buffer.from('x'),
      );
      // An empty window is a check of the input's form, not a refusal of R18.4: it cites no rule.
      expect([empty.status, empty.body.code, empty.body.rule]).toEqual([400, 'CUSTOS_INPUT_WINDOW_EMPTY', undefined]);
      const json = await request(t.url)
        .put('/v1/footage/segments/seg-json')
        .query({
          cameraId: 'cam-1',
          from: '2026-02-01T10:00:00Z',
          to: '2026-02-01T11:00:00Z',
          container: 'mp4',
          codec: 'h264',
        })
        .set('authorization', `Bearer ${ownerToken}`)
        .send({ not: 'footage' });
      expect([json.status, json.body.code, json.body.rule]).toEqual([415, 'CUSTOS_INPUT_RAW_FOOTAGE_REQUIRED', undefined]);
      expect(await counts()).toEqual(before);
    });

    it('stores and records nothing when the uploader goes away mid-stream (R16.3)', async () => {
      const before = await counts();
      const http = await import('node:http');
      const cut = http.request(
        `${t.url}/v1/footage/segments/seg-cut?cameraId=cam-1&from=2026-02-01T14:00:00Z&to=2026-02-01T15:00:00Z&container=mp4&codec=h264`,
        {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${ownerToken}`,
            'content-type': 'application/octet-stream',
            'content-length': String(64 * 1024 * 1024),
          },
        },
      );
      cut.on('error', () => undefined);
      cut.write(Buffer.alloc(6 * 1024 * 1024, 1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      cut.destroy();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await counts()).toEqual(before);
      expect(await t.store.exists('originals/org-owner-a/cam-1/seg-cut')).toBe(false);
    });
  });

  describe('resumable upload (issue 18, R16.3, R16.7)', () => {
    const MiB = 1024 * 1024;
    const uploads = (token = ownerToken) => ({
      create: (body: object) =>
        request(t.url).post('/v1/footage/uploads').set('authorization', `Bearer ${token}`).send(body),
      status: (id: string) => request(t.url).get(`/v1/footage/uploads/${id}`).set('authorization', `Bearer ${token}`),
      part: (id: string, part: number, bytes: Buffer) =>
        request(t.url)
          .put(`/v1/footage/uploads/${id}/parts/${part}`)
          .set('authorization', `Bearer ${token}`)
          .set('content-type', 'application/octet-stream')
          .send(bytes),
      complete: (id: string) =>
        request(t.url).post(`/v1/footage/uploads/${id}/complete`).set('authorization', `Bearer ${token}`),
      abort: (id: string) => request(t.url).delete(`/v1/footage/uploads/${id}`).set('authorization', `Bearer ${token}`),
    });
    const segment = (segmentId: string, body: Buffer, declared = sha256(body)) => ({
      segmentId,
      cameraId: 'cam-1',
      from: '2026-02-03T10:00:00Z',
      to: '2026-02-03T11:00:00Z',
      container: 'mp4',
      codec: 'h264',
      sizeBytes: body.length,
      sha256: declared,
    });
    /** Sends `sent` bytes of a part announced whole, then drops the connection. */
    const cutPart = async (id: string, part: number, announced: number, sent: Buffer) => {
      const http = await import('node:http');
      const cut = http.request(`${t.url}/v1/footage/uploads/${id}/parts/${part}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${ownerToken}`,
          'content-type': 'application/octet-stream',
          'content-length': String(announced),
        },
      });
      cut.on('error', () => undefined);
      cut.write(sent);
      await new Promise((resolve) => setTimeout(resolve, 300));
      cut.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
    };

    it('takes a segment in parts, resumes from the offset the service holds after a dropped part, and stores it locked with the declared SHA-256 (R16.3, R16.7)', async () => {
      const body = Buffer.alloc(16 * MiB + 100_000);
      for (let i = 0; i < body.length; i += 4096) body.writeUInt32BE(i, i);
      const api = uploads();
      const opened = await api.create(segment('seg-resumed', body)).expect(201);
      expect(opened.body).toMatchObject({ partSizeBytes: 8 * MiB, receivedBytes: 0, nextPart: 1, sizeBytes: body.length });
      const id = opened.body.sessionId as string;
      await api.part(id, 1, body.subarray(0, 8 * MiB)).expect(200);

      await cutPart(id, 2, 8 * MiB, body.subarray(8 * MiB, 11 * MiB));
      const resumed = await api.status(id).expect(200);
      expect([resumed.body.receivedBytes, resumed.body.nextPart]).toEqual([8 * MiB, 2]);
      const skipped = await api.part(id, 3, body.subarray(16 * MiB));
      expect([skipped.status, skipped.body.code, skipped.body.details]).toEqual([
        409,
        'CUSTOS_R16_3_UPLOAD_PART_OUT_OF_ORDER',
        { part: 3, expectedPart: 2, receivedBytes: 8 * MiB },
      ]);
      const early = await api.complete(id);
      expect([early.status, early.body.code]).toEqual([409, 'CUSTOS_R16_3_UPLOAD_NOT_COMPLETE']);

      await api.part(id, 2, body.subarray(8 * MiB, 16 * MiB)).expect(200);
      const last = await api.part(id, 3, body.subarray(16 * MiB)).expect(200);
      expect(last.body.receivedBytes).toBe(body.length);
      const stored = await api.complete(id);
      expect(stored.status).toBe(201);
      expect([stored.body.sha256, stored.body.sizeBytes]).toEqual([sha256(body), body.length]);

      const [event] = await events.readStream(segmentAggregateId('seg-resumed'));
      expect(event.type).toBe('storage.SegmentIngested');
      const ref = { key: event.payload.objectKey as string, versionId: event.payload.versionId as string };
      const retention = await t.store.retention(ref);
      expect(retention.mode).toBe('COMPLIANCE');
      expect(retention.retainUntil.toISOString()).toBe(stored.body.retainUntil);
      expect(retention.retainUntil.getTime()).toBeGreaterThanOrEqual(Date.now() + 29 * DAY_MS);
      const held = createHash('sha256');
      for await (const chunk of await t.store.read(ref)) held.update(chunk as Buffer);
      expect(held.digest('hex')).toBe(sha256(body));
      const gone = await api.status(id);
      expect([gone.status, gone.body.code]).toEqual([404, 'CUSTOS_R16_3_UPLOAD_SESSION_NOT_FOUND']);
    });

    it('refuses a completion whose bytes do not hash to the declared SHA-256 and stores nothing (R16.3)', async () => {
      const body = Buffer.from('the bytes that arrive '.repeat(100));
      const api = uploads();
      const id = (await api.create(segment('seg-forged', body, sha256(Buffer.from('other bytes')))).expect(201)).body
        .sessionId as string;
      await api.part(id, 1, body).expect(200);
      const before = await counts();
      const refused = await api.complete(id);
      expect([refused.status, refused.body.code, refused.body.rule]).toEqual([400, 'CUSTOS_R16_3_UPLOAD_HASH_MISMATCH', 'R16.3']);
      expect(refused.body.details.receivedSha256).toBe(sha256(body));
      expect(await counts()).toEqual(before);
      expect(await t.store.exists('originals/org-owner-a/cam-1/seg-forged')).toBe(false);
      expect((await api.status(id).expect(200)).body.receivedBytes).toBe(body.length);
      await api.abort(id).expect(204);
      expect((await api.status(id)).status).toBe(404);
      expect(await t.store.exists('originals/org-owner-a/cam-1/seg-forged')).toBe(false);
    });

    it("refuses another owner's operator at every step of a session, changing nothing (R3.1, R16.3)", async () => {
      const body = Buffer.from('owner a footage');
      const id = (await uploads().create(segment('seg-theirs', body)).expect(201)).body.sessionId as string;
      const other = uploads(await issuer.tokenFor(otherOwner()));
      const answers = [
        await other.create(segment('seg-not-mine', body)),
        await other.status(id),
        await other.part(id, 1, body),
        await other.complete(id),
        await other.abort(id),
      ];
      expect(answers.map((a) => [a.status, a.body.code])).toEqual(
        Array(5).fill([403, 'CUSTOS_AUTH_WRONG_ORGANISATION']),
      );
      const officer = await uploads(await issuer.tokenFor(aPrincipal())).status(id);
      expect(officer.status).toBe(403);
      expect((await uploads().status(id).expect(200)).body.receivedBytes).toBe(0);
      expect((await t.pool.query('SELECT 1 FROM storage_upload_sessions WHERE segment_id = $1', ['seg-not-mine'])).rowCount).toBe(0);
    });

    it('refuses every step of an expired session with a coded 409 and the sweep discards its parts, storing nothing (R16.3)', async () => {
      const body = Buffer.from('footage left half sent');
      const api = uploads();
      const id = (await api.create(segment('seg-expired', body)).expect(201)).body.sessionId as string;
      // The service's clock stands still in these tests: the session is made to have expired.
      await t.pool.query(`UPDATE storage_upload_sessions SET expires_at = $2 WHERE session_id = $1`, [
        id,
        new Date(NOW.getTime() - 1000),
      ]);
      const answers = [await api.status(id), await api.part(id, 1, body), await api.complete(id)];
      expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(3).fill([409, 'CUSTOS_R16_3_UPLOAD_SESSION_EXPIRED']));
      expect(await t.app.get(UploadSessions).sweep()).toBe(1);
      expect((await api.status(id)).status).toBe(404);
      expect(await t.store.exists('originals/org-owner-a/cam-1/seg-expired')).toBe(false);
      // The segment may be uploaded afresh.
      await api.create(segment('seg-expired', body)).expect(201);
    });
  });

  describe('segment queries', () => {
    it("lists the owner's segments of a camera overlapping a half-open window, and nothing of other organisations", async () => {
      const list = await request(t.url)
        .get('/v1/footage/segments')
        .query({ cameraId: 'cam-1', from: '2026-02-01T11:00:00Z', to: '2026-02-01T12:00:00Z' })
        .set('authorization', `Bearer ${ownerToken}`)
        .expect(200);
      expect(list.body.items.map((s: { segmentId: string }) => s.segmentId)).toEqual(['seg-once']);
      expect(list.body.nextCursor).toBeNull();
      const other = await request(t.url)
        .get('/v1/footage/segments')
        .query({ cameraId: 'cam-1', from: '2026-02-01T00:00:00Z', to: '2026-02-02T00:00:00Z' })
        .set('authorization', `Bearer ${await issuer.tokenFor(otherOwner())}`)
        .expect(200);
      expect(other.body.items).toEqual([]);
    });
  });

  describe('exports (R18.5)', () => {
    const W = (hhmmss: string) => `2026-02-10T${hhmmss}Z`;
    const layout: Array<[string, string, string, string]> = [
      ['x-c1-before', 'cam-1', W('09:00:00.000'), W('10:00:00.000')], // ends exactly at the window start: out
      ['x-c1-1ms-in', 'cam-1', W('09:00:00.000'), W('10:00:00.001')], // reaches 1 ms into the window: in
      ['x-c1-1000', 'cam-1', W('10:00:00.000'), W('11:00:00.000')],
      ['x-c1-1100', 'cam-1', W('11:00:00.000'), W('12:00:00.000')],
      ['x-c1-after', 'cam-1', W('12:00:00.000'), W('13:00:00.000')], // starts exactly at the window end: out
      ['x-c1-1ms-before-end', 'cam-1', W('11:59:59.999'), W('12:30:00.000')], // starts 1 ms before the end: in
      ['x-c2-1030', 'cam-2', W('10:30:00.000'), W('11:30:00.000')],
      ['x-c3-1000', 'cam-3', W('10:00:00.000'), W('11:00:00.000')], // own camera, not approved: out
    ];
    const bodies = new Map(layout.map(([id]) => [id, Buffer.from(`footage of ${id} `.repeat(50))]));
    let exportId: string;
    let pkg: Buffer;

    beforeAll(async () => {
      for (const [id, camera, from, to] of layout) await ingest(id, camera, from, to, bodies.get(id)!).expect(201);
      await request(t.url)
        .put('/v1/footage/segments/x-cb-1000')
        .query({ cameraId: 'cam-b', from: W('10:00:00.000'), to: W('11:00:00.000'), container: 'mp4', codec: 'h264' })
        .set('authorization', `Bearer ${await issuer.tokenFor(otherOwner())}`)
        .set('content-type', 'application/octet-stream')
        .send(Buffer.from('other owner'))
        .expect(201);
    });

    const exportWith = (body: object, token = ownerToken) =>
      request(t.url).post('/v1/footage/exports').set('authorization', `Bearer ${token}`).send(body);

    it('packages exactly the approved cameras and window; a segment straddling a bound that cannot be cut is left out and said so, never widened (R18.5, R3.1)', async () => {
      const approval = signed(approvalDocument(), t.issuerKeys.privateKey);
      const response = await exportWith({ approval });
      expect(response.status).toBe(201);
      exportId = response.body.exportId;
      // These test bodies are not video: the two straddling a bound cannot be cut.
      const expected = ['x-c1-1000', 'x-c2-1030', 'x-c1-1100'];
      const notCut = ['x-c1-1ms-in', 'x-c1-1ms-before-end'];
      expect(response.body).toMatchObject({
        approvalDocumentNumber: '610113-001-2026-000042',
        cameraIds: ['cam-1', 'cam-2'],
        segmentIds: expected,
      });
      expect(response.body.notCut.map((n: { segmentId: string }) => n.segmentId)).toEqual(notCut);
      expect(response.body.notCut[0]).toMatchObject({ withinScope: { from: W('10:00:00.000'), to: W('10:00:00.001') }, reason: expect.stringMatching(/ffmpeg could not cut it/) });

      pkg = await packageBytes(exportId);
      expect(sha256(pkg)).toBe(response.body.packageSha256);
      const verification = await verifyExportPackage(Readable.from([pkg]), t.storageKeys.publicKey);
      expect(verification).toMatchObject({ ok: true, problems: [] });
      const manifest = verification.manifest!;
      expect(manifest.files.map((f) => f.segmentId)).toEqual(expected);
      for (const file of manifest.files) expect(file.sha256).toBe(sha256(bodies.get(file.segmentId)!));
      expect(manifest).toMatchObject({
        approvalDocumentNumber: '610113-001-2026-000042',
        scope: { cameraIds: ['cam-1', 'cam-2'], window: { from: W('10:00:00.000'), to: W('12:00:00.000') } },
        exportedAt: '2026-02-16T09:30:00.000Z',
      });
      expect(manifest.notCut!.map((n) => n.segmentId)).toEqual(notCut);

      const [event] = await events.readStream(exportAggregateId(exportId));
      expect(event).toMatchObject({
        type: 'storage.ExportPackaged',
        payload: {
          packageSha256: sha256(pkg),
          packageSizeBytes: pkg.length,
          segmentIds: expected,
          approvalDocumentNumber: '610113-001-2026-000042',
        },
      });
    });

    it('tells the progress while the package is written, as NDJSON lines, then the export; a second export of the document is refused before any line, coded (R18.5)', async () => {
      const approval = signed(approvalDocument({ number: '610113-001-2026-000061' }), t.issuerKeys.privateKey);
      const send = () => request(t.url).post('/v1/footage/exports/with-progress').set('authorization', `Bearer ${ownerToken}`).send({ approval });
      const response = await send();
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = response.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; bytes?: number; totalBytes?: number; export?: { exportId: string; packageSizeBytes: number; segmentIds: string[] } });
      const progress = lines.filter((l) => l.type === 'progress');
      expect(progress[0]).toMatchObject({ bytes: 0 });
      expect(progress.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < progress.length; i++) expect(progress[i].bytes!).toBeGreaterThanOrEqual(progress[i - 1].bytes!);
      expect(progress.at(-1)!.bytes).toBeGreaterThan(0);
      expect(progress.at(-1)!.bytes).toBeLessThanOrEqual(progress.at(-1)!.totalBytes!);
      const done = lines.at(-1)!;
      expect(done.type).toBe('done');
      expect(done.export!.segmentIds).toEqual(['x-c1-1000', 'x-c2-1030', 'x-c1-1100']);
      expect((await packageBytes(done.export!.exportId)).length).toBe(done.export!.packageSizeBytes);

      const again = await send();
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CUSTOS_R18_5_ALREADY_EXPORTED');
    });

    it('cuts a real H.264 segment straddling both bounds at the bounds, copying whole GOPs and re-encoding only the edge: no frame outside the window leaves, and the manifest traces the cut to its original (R3.1, R18.5, R16.3)', async () => {
      const scratch = mkdtempSync(join(tmpdir(), 'custos-clip-'));
      execFileSync('ffmpeg', [
        ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=15:duration=8'],
        ...['-c:v', 'libx264', '-g', '30', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', join(scratch, 'clip.mp4')],
      ]);
      const clip = readFileSync(join(scratch, 'clip.mp4'));
      rmSync(scratch, { recursive: true, force: true });
      // 8 s from 09:59:58; the window is [10:00:00, 10:00:05): seconds 2 to 7 of the clip.
      await ingest('x-real-clip', 'cam-3', '2026-02-11T09:59:58.000Z', '2026-02-11T10:00:06.000Z', clip).expect(201);
      const approval = signed(
        approvalDocument({ number: '610113-001-2026-000046' }, { cameraIds: ['cam-3'], window: { from: '2026-02-11T10:00:00.000Z', to: '2026-02-11T10:00:05.000Z' } }),
        t.issuerKeys.privateKey,
      );
      const response = await exportWith({ approval });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ segmentIds: ['x-real-clip'] });
      expect(response.body.notCut).toBeUndefined();

      const bytes = await packageBytes(response.body.exportId);
      const verification = await verifyExportPackage(Readable.from([bytes]), t.storageKeys.publicKey);
      expect(verification).toMatchObject({ ok: true });
      const [file] = verification.manifest!.files;
      expect(file).toMatchObject({
        path: 'footage/cam-3/x-real-clip.cut.mp4',
        withinScope: { from: '2026-02-11T10:00:00.000Z', to: '2026-02-11T10:00:05.000Z' },
        // Keyframes every 2 s (0, 2, 4, 6): the GOPs from 2 s to 6 s leave as stored, only the
        // edge from 6 s to the window end is encoded again.
        cut: {
          method: 'EDGE_RE_ENCODED',
          startSeconds: 2,
          endSeconds: 7,
          frames: { count: 75, firstSeconds: 2, lastSeconds: 6.933333 },
          streamCopied: { fromSeconds: 2, toSeconds: 6 },
          reEncoded: [{ fromSeconds: 6, toSeconds: 7 }],
          original: { sha256: sha256(clip), sizeBytes: clip.length, container: 'mp4' },
        },
      });
      expect(file.sha256).not.toBe(sha256(clip));

      const derived: Buffer[] = [];
      let inFile = false;
      await readTar(Readable.from([bytes]), {
        entry: (header) => (inFile = header.path === file.path),
        data: (chunk) => (inFile ? derived.push(Buffer.from(chunk)) : undefined),
        end: () => (inFile = false),
      });
      const cut = Buffer.concat(derived);
      expect(sha256(cut)).toBe(file.sha256);
      // 5 s at 15 fps: 75 frames, not one more (the 45 before and the 15 after stay behind).
      const probe = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', 'pipe:0'], { input: cut });
      expect(Number(probe.toString().trim())).toBe(75);
    });

    it('publishes the export key the manifest was signed with, for verifiers to pin (R18.5)', async () => {
      const response = await request(t.url).get('/v1/footage/export-key');
      expect(response.status).toBe(200);
      const [event] = await events.readStream(exportAggregateId(exportId));
      expect(response.body).toMatchObject({ algorithm: 'Ed25519', keyId: event.payload.signerKeyId });
      const { createPublicKey } = await import('node:crypto');
      const pinned = createPublicKey(response.body.publicKeyPem);
      expect((await verifyExportPackage(Readable.from([pkg]), pinned)).ok).toBe(true);
    });

    it('stores the package write-once: COMPLIANCE retention, and a direct S3 delete of it is refused (R16.3)', async () => {
      const { rows } = await t.pool.query('SELECT object_key, version_id FROM storage_exports WHERE export_id = $1', [
        exportId,
      ]);
      const ref = { key: rows[0].object_key, versionId: rows[0].version_id };
      expect((await t.store.retention(ref)).mode).toBe('COMPLIANCE');
      await expect(
        testS3Client().removeObject(t.store.bucket, ref.key, { versionId: ref.versionId }),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
      });
    });

    it('fails verification for a changed byte of footage or a changed manifest', async () => {
      const byte = Buffer.from(pkg);
      byte[512 + 10] ^= 0xff;
      expect((await verifyExportPackage(Readable.from([byte]), t.storageKeys.publicKey)).ok).toBe(false);
      const manifest = Buffer.from(pkg);
      const at = manifest.indexOf('"610113-001-2026-000042"');
      manifest.write('"610113-001-2026-000043"', at);
      const result = await verifyExportPackage(Readable.from([manifest]), t.storageKeys.publicKey);
      expect(result.ok).toBe(false);
      expect(result.problems.join()).toMatch(/signature does not verify/);
    });

    it('packages a narrower part of the scope when asked, and nothing outside it (R18.5)', async () => {
      const approval = signed(approvalDocument({ number: '610113-001-2026-000043' }), t.issuerKeys.privateKey);
      const response = await exportWith({
        approval,
        cameraIds: ['cam-2'],
        from: W('11:00:00.000'),
        to: W('11:15:00.000'),
      });
      expect(response.status).toBe(201);
      expect(response.body.segmentIds).toEqual([]);
      expect(response.body.notCut.map((n: { segmentId: string }) => n.segmentId)).toEqual(['x-c2-1030']);
    });

    it('exports a document a second time only when asked explicitly with a reason, recorded in ExportPackaged (R18.5)', async () => {
      const approval = signed(approvalDocument(), t.issuerKeys.privateKey);
      const before = await counts();
      const again = await exportWith({ approval });
      expect([again.status, again.body.code, again.body.rule]).toEqual([409, 'CUSTOS_R18_5_ALREADY_EXPORTED', 'R18.5']);
      expect(again.body.details).toMatchObject({ exportId, exportedAt: '2026-02-16T09:30:00.000Z' });
      const noReason = await exportWith({ approval, reExport: { reason: '' } });
      expect([noReason.status, noReason.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      // The refused second export is on record (storage.ExportRefused); nothing else changed.
      expect(await counts()).toEqual({ ...before, refusals: before.refusals + 1 });

      const reason = 'The first copy was damaged in transit to the court';
      const reExported = await exportWith({ approval, cameraIds: ['cam-2'], reExport: { reason } });
      expect(reExported.status).toBe(201);
      expect(reExported.body).toMatchObject({ reExport: { previousExportId: exportId, reason } });
      const [event] = await events.readStream(exportAggregateId(reExported.body.exportId));
      expect(event.payload).toMatchObject({ reExport: { previousExportId: exportId, reason } });
      expect(event.actor).toMatchObject({ subject: owner().subject });
    });

    it("refuses a release for publication of footage not recorded as masked, and once it is, packages only the masked file's record and the sources' hashes, no footage byte (CN2025-PUBLISH)", async () => {
      const approval = signed(approvalDocument({ number: '610113-001-2026-000051' }), t.issuerKeys.privateKey);
      const masking = {
        maskedBy: 'owner-mall-operator',
        maskedAt: '2026-02-16T09:00:00Z',
        maskedSha256: 'b'.repeat(64),
        features: ['FACE', 'PERSONAL_FEATURES', 'LICENCE_PLATE', 'OTHER_PRIVATE_INFORMATION'],
      };
      const before = await counts();
      const unmasked = await exportWith({ approval, purpose: 'PUBLICATION' });
      expect([unmasked.status, unmasked.body.code, unmasked.body.rule]).toEqual([403, 'CUSTOS_CN2025_PUBLISH_NOT_MASKED', 'CN2025-PUBLISH']);
      const platesLeft = await exportWith({ approval, purpose: 'PUBLICATION', masking: { ...masking, features: ['FACE', 'PERSONAL_FEATURES'] } });
      expect([platesLeft.status, platesLeft.body.code]).toEqual([403, 'CUSTOS_CN2025_PUBLISH_NOT_MASKED']);
      expect(await counts()).toEqual({ ...before, refusals: before.refusals + 2 });
      const { rows } = await t.pool.query(`SELECT envelope FROM es_events WHERE type = 'storage.ExportRefused' ORDER BY sequence DESC LIMIT 1`);
      expect(rows[0].envelope.payload).toMatchObject({ code: 'CUSTOS_CN2025_PUBLISH_NOT_MASKED', rule: 'CN2025-PUBLISH', rulePack: { id: 'CN2025+SX2012' } });

      const released = await exportWith({ approval, purpose: 'PUBLICATION', masking });
      expect(released.status).toBe(201);
      const pkg = await packageBytes(released.body.exportId);
      for (const body of bodies.values()) expect(pkg.includes(body)).toBe(false);
      const verification = await verifyExportPackage(Readable.from([pkg]), t.storageKeys.publicKey);
      expect(verification).toMatchObject({ ok: true, problems: [] });
      expect(verification.manifest).toMatchObject({ files: [], purpose: 'PUBLICATION', masking, rulePack: { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' } });
      expect(verification.manifest!.sources!.map((f) => f.sha256)).toEqual(released.body.segmentIds.map((id: string) => sha256(bodies.get(id)!)));
      const [event] = await events.readStream(exportAggregateId(released.body.exportId));
      expect(event.payload).toMatchObject({ purpose: 'PUBLICATION', masking, rulePack: { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' } });
    });

    it('lets only one of two simultaneous exports of a document through; the other is refused as already exported (R18.5)', async () => {
      const approval = signed(approvalDocument({ number: '610113-001-2026-000047' }), t.issuerKeys.privateKey);
      const both = await Promise.all([exportWith({ approval, cameraIds: ['cam-1'] }), exportWith({ approval, cameraIds: ['cam-1'] })]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(both.find((r) => r.status === 409)!.body).toMatchObject({ code: 'CUSTOS_R18_5_ALREADY_EXPORTED', details: { exportId: both.find((r) => r.status === 201)!.body.exportId } });
      const { rows } = await t.pool.query('SELECT count(*)::int AS n FROM storage_exports WHERE approval_document_number = $1', ['610113-001-2026-000047']);
      expect(rows[0].n).toBe(1);
    });

    it('takes a bound left out as the approved bound: only `from`, or only `to` (R18.5)', async () => {
      const approval = signed(approvalDocument({ number: '610113-001-2026-000044' }), t.issuerKeys.privateKey);
      const onlyFrom = await exportWith({ approval, cameraIds: ['cam-2'], from: W('11:00:00.000') });
      expect(onlyFrom.status).toBe(201);
      expect(onlyFrom.body).toMatchObject({ window: { from: W('11:00:00.000'), to: W('12:00:00.000') }, notCut: [{ segmentId: 'x-c2-1030' }] });
      const second = signed(approvalDocument({ number: '610113-001-2026-000045' }), t.issuerKeys.privateKey);
      const onlyTo = await exportWith({ approval: second, cameraIds: ['cam-1'], to: W('10:30:00.000') });
      expect(onlyTo.status).toBe(201);
      expect(onlyTo.body).toMatchObject({ window: { from: W('10:00:00.000'), to: W('10:30:00.000') } });
      expect(onlyTo.body.notCut.map((n: { segmentId: string }) => n.segmentId)).toEqual(['x-c1-1ms-in', 'x-c1-1000']);
    });

    describe('refusals change nothing', () => {
      let before: Awaited<ReturnType<typeof counts>>;
      beforeEach(async () => {
        before = await counts();
      });
      // Nothing is packaged or recorded but a refused export itself, storage.ExportRefused (R18.5).
      afterEach(async () => {
        expect({ ...(await counts()), refusals: before.refusals }).toEqual(before);
      });

      it('refuses an altered approval document (R18.5)', async () => {
        const approval = signed(approvalDocument(), t.issuerKeys.privateKey);
        const altered = {
          ...approval,
          document: {
            ...approval.document,
            scope: { ...approval.document.scope, cameraIds: ['cam-1', 'cam-2', 'cam-3'] },
          },
        };
        const response = await exportWith({ approval: altered });
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'CUSTOS_R18_5_SIGNATURE_INVALID', rule: 'R18.5' });
      });

      it('refuses a document signed by a key the organ does not hold (R18.5)', async () => {
        const { generateKeyPairSync } = await import('node:crypto');
        const approval = signed(approvalDocument(), generateKeyPairSync('ed25519').privateKey);
        const response = await exportWith({ approval });
        expect(response.body).toMatchObject({ code: 'CUSTOS_R18_5_SIGNATURE_INVALID', rule: 'R18.5' });
      });

      it('refuses an expired document (R18.5)', async () => {
        const approval = signed(
          approvalDocument({ validFrom: '2026-02-15T12:00:00.000Z', validUntil: '2026-02-16T00:00:00.000Z' }),
          t.issuerKeys.privateKey,
        );
        expect((await exportWith({ approval })).body).toMatchObject({ code: 'CUSTOS_R18_5_EXPIRED' });
      });

      it('refuses a revoked document (R18.5)', async () => {
        t.trust.revoke('psb-yanta', '610113-001-2026-000099');
        const approval = signed(approvalDocument({ number: '610113-001-2026-000099' }), t.issuerKeys.privateKey);
        expect((await exportWith({ approval })).body).toMatchObject({ code: 'CUSTOS_R18_5_REVOKED' });
        const [refused] = await events.readStream(exportRefusalsAggregateId('org-owner-a')).then((all) => all.slice(-1));
        expect(refused).toMatchObject({
          type: 'storage.ExportRefused',
          payload: { organisationId: 'org-owner-a', approvalDocumentNumber: '610113-001-2026-000099', code: 'CUSTOS_R18_5_REVOKED', rule: 'R18.5' },
        });
        expect((await counts()).refusals).toBe(before.refusals + 1);
      });

      it('refuses a camera or a window outside the approved scope (R18.5)', async () => {
        const approval = signed(approvalDocument(), t.issuerKeys.privateKey);
        expect((await exportWith({ approval, cameraIds: ['cam-3'] })).body).toMatchObject({
          code: 'CUSTOS_R18_5_OUT_OF_SCOPE',
        });
        expect((await exportWith({ approval, from: W('09:59:59.999'), to: W('11:00:00.000') })).body).toMatchObject({
          code: 'CUSTOS_R18_5_OUT_OF_SCOPE',
        });
      });

      it('refuses a direct-access grant as an export authority (R18.5)', async () => {
        const approval = signed(approvalDocument({ kind: 'DIRECT_ACCESS' }), t.issuerKeys.privateKey);
        expect((await exportWith({ approval })).body).toMatchObject({ code: 'CUSTOS_R18_5_WRONG_KIND' });
      });

      it('refuses an owner none of whose cameras the document names (R3.1)', async () => {
        const approval = signed(approvalDocument(), t.issuerKeys.privateKey);
        const response = await exportWith({ approval }, await issuer.tokenFor(otherOwner()));
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'CUSTOS_R3_1_NO_OWN_CAMERA_IN_SCOPE', rule: 'R3.1' });
      });

      it('refuses a validly signed token claiming an owner, or a division, the registry does not hold for its operator, and records it (R3.1, R5.1, issue 16)', async () => {
        const approval = signed(approvalDocument(), t.issuerKeys.privateKey);
        // Owner b's operator claiming owner a; owner a's operator claiming Xi'an city's division.
        const stranger = await exportWith({ approval }, await issuer.tokenFor(owner({ subject: 'owner-b-operator', personId: 'person-owner-b' })));
        const elsewhere = await exportWith({ approval }, await issuer.tokenFor(owner({ divisionCode: '610100' })));
        expect([stranger, elsewhere].map((r) => [r.status, r.body.code])).toEqual([
          [403, 'CUSTOS_R3_1_CLAIMED_ORGANISATION_NOT_IN_REGISTRY'],
          [403, 'CUSTOS_R5_1_CLAIMED_DIVISION_NOT_IN_REGISTRY'],
        ]);
        const recorded = (await events.readStream(exportRefusalsAggregateId('org-owner-a'))).slice(-2);
        expect(recorded.map((e) => e.payload.code)).toEqual(['CUSTOS_R3_1_CLAIMED_ORGANISATION_NOT_IN_REGISTRY', 'CUSTOS_R5_1_CLAIMED_DIVISION_NOT_IN_REGISTRY']);
        expect((await counts()).refusals).toBe(before.refusals + 2);
      });

      it("refuses another owner's download of the package (R3.1)", async () => {
        const response = await request(t.url)
          .get(`/v1/footage/exports/${exportId}`)
          .set('authorization', `Bearer ${await issuer.tokenFor(otherOwner())}`);
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'CUSTOS_AUTH_WRONG_ORGANISATION' });
      });

      it('lets custody (role SERVICE) download the package to deliver it, the same bytes (R18.5)', async () => {
        const service = aPrincipal({ subject: 'service.custody', organisationId: 'custos', roles: ['SERVICE'], credentialNumber: undefined, scopes: ['custos:exports.read'] });
        const response = await request(t.url)
          .get(`/v1/footage/exports/${exportId}`)
          .set('authorization', `Bearer ${await issuer.tokenFor(service)}`)
          .buffer(true)
          .parse(binaryBody);
        expect(response.status).toBe(200);
        expect(sha256(response.body as Buffer)).toBe(sha256(pkg));
        expect(response.headers['x-custos-package-sha256']).toBe(sha256(pkg));
      });

      it('gives custody (role SERVICE only) a short-lived presigned URL of the stored package version, which reads the same bytes (R18.5)', async () => {
        const service = aPrincipal({ subject: 'service.custody', organisationId: 'custos', roles: ['SERVICE'], credentialNumber: undefined, scopes: ['custos:exports.read'] });
        const response = await request(t.url)
          .get(`/v1/footage/exports/${exportId}/source`)
          .set('authorization', `Bearer ${await issuer.tokenFor(service)}`);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ exportId, sizeBytes: pkg.length, sha256: sha256(pkg), url: expect.stringContaining('versionId=') });
        const fromStore = await fetch(response.body.url as string);
        expect(fromStore.status).toBe(200);
        expect(sha256(Buffer.from(await fromStore.arrayBuffer()))).toBe(sha256(pkg));

        const asOwner = await request(t.url).get(`/v1/footage/exports/${exportId}/source`).set('authorization', `Bearer ${ownerToken}`);
        expect([asOwner.status, asOwner.body.code]).toEqual([403, 'CUSTOS_AUTH_ROLE_REQUIRED']);
        const unknown = await request(t.url)
          .get(`/v1/footage/exports/${randomUUID()}/source`)
          .set('authorization', `Bearer ${await issuer.tokenFor(service)}`);
        expect(unknown.status).toBe(404);
      });

      it('refuses the package to a service whose client was not given the exports scope: only custody delivers (R3.1, issue 16)', async () => {
        const storageClient = aPrincipal({ subject: 'custos-storage', organisationId: 'custos', roles: ['SERVICE'], credentialNumber: undefined, scopes: ['custos:segments.read'] });
        for (const path of [`/v1/footage/exports/${exportId}`, `/v1/footage/exports/${exportId}/source`]) {
          const response = await request(t.url).get(path).set('authorization', `Bearer ${await issuer.tokenFor(storageClient)}`);
          expect([response.status, response.body.code]).toEqual([403, 'CUSTOS_AUTH_SCOPE_REQUIRED']);
        }
      });

      it('refuses a malformed body with a coded 400 (R18.5)', async () => {
        const response = await exportWith({ approval: { document: 'nope' } });
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'CUSTOS_VALIDATION_FAILED' });
      });

      it.each([
        ['no document at all', {}],
        ['a null document', { approval: null }],
        ['a document that is a string', { approval: 'nope' }],
      ])('refuses an export with %s with a coded 400, never a 500 (R18.5)', async (_, body) => {
        const response = await exportWith(body);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'CUSTOS_VALIDATION_FAILED' });
        const notHeld = await request(t.url).post('/v1/footage/not-held').set('authorization', `Bearer ${ownerToken}`).send(body);
        expect(notHeld.status).toBe(400);
      });
    });
  });

  describe('"not held" answers (R16.7)', () => {
    const DAY = 86_400_000;
    const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
    // 60 to 59 days back: older than the metro system keeps (30 d), within the vault's 90 d.
    const oldWindow = { from: ago(60), to: ago(59) };
    const oldApproval = () =>
      signed(
        approvalDocument({ requestId: 'req-old', number: '610113-001-2026-000301', requestingOrganisationId: 'org-psb-requesting' }, { imageSystemIds: ['sys-metro', 'sys-vault'], cameraIds: ['cam-1', 'cam-vault'], window: oldWindow }),
        t.issuerKeys.privateKey,
      );
    const answer = (body: object, token = ownerToken) =>
      request(t.url).post('/v1/footage/not-held').set('authorization', `Bearer ${token}`).send(body);
    const requester = aPrincipal({ organisationId: 'org-psb-requesting' });

    it('refuses "not held" stating another requesting organ than the document names, with a coded 400, recording nothing (R18.5, R16.7)', async () => {
      const before = await counts();
      const response = await answer({ approval: oldApproval(), requestingOrganisationId: 'org-state-security' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'CUSTOS_R18_5_REQUESTING_ORGAN_MISMATCH',
        rule: 'R18.5',
        details: { statedRequestingOrganisationId: 'org-state-security', documentRequestingOrganisationId: 'org-psb-requesting' },
      });
      expect(await counts()).toEqual(before);
    });

    it("answers an approved request for footage older than held \"not held\", per camera by its system's retention, to the organ the document names, as an event (R16.7, R18.5)", async () => {
      const response = await answer({ approval: oldApproval() });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        requestId: 'req-old',
        approvalDocumentNumber: '610113-001-2026-000301',
        requestingOrganisationId: 'org-psb-requesting',
        organisationId: 'org-owner-a',
        cameras: [
          { cameraId: 'cam-1', retentionDays: 30, reason: 'BEYOND_RETENTION' },
          { cameraId: 'cam-vault', retentionDays: 90, reason: 'NOT_RECORDED' },
        ],
      });
      const [event] = await events.readStream(`footage-not-held:${response.body.answerId}`);
      expect(event).toMatchObject({ type: 'storage.FootageNotHeld', payload: { requestId: 'req-old', requestingOrganisationId: 'org-psb-requesting' } });
    });

    it('shows the answer to the requesting organ\'s officers, and not to another organ (R16.7, R3.1)', async () => {
      const seen = await request(t.url).get('/v1/footage/not-held').query({ requestId: 'req-old' }).set('authorization', `Bearer ${await issuer.tokenFor(requester)}`);
      expect(seen.status).toBe(200);
      expect(seen.body.answers).toHaveLength(1);
      expect(seen.body.answers[0].cameras.map((c: { cameraId: string }) => c.cameraId)).toEqual(['cam-1', 'cam-vault']);
      const other = await request(t.url).get('/v1/footage/not-held').query({ requestId: 'req-old' }).set('authorization', `Bearer ${await issuer.tokenFor(aPrincipal())}`);
      expect(other.body.answers).toEqual([]);
    });

    it('refuses "not held" with 409 CUSTOS_R16_7_FOOTAGE_HELD while footage of the window is held, recording nothing (R16.7)', async () => {
      const before = await counts();
      const response = await answer({ approval: signed(approvalDocument(), t.issuerKeys.privateKey) });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'CUSTOS_R16_7_FOOTAGE_HELD', rule: 'R16.7', details: { cameraId: 'cam-1' } });
      expect(await counts()).toEqual(before);
    });

    it('refuses "not held" on a revoked document or by an owner none of whose cameras it names (R18.5, R3.1)', async () => {
      const before = await counts();
      t.trust.revoke('psb-yanta', '610113-001-2026-000302');
      const revoked = signed(approvalDocument({ number: '610113-001-2026-000302' }, { window: oldWindow }), t.issuerKeys.privateKey);
      expect((await answer({ approval: revoked })).body.code).toBe('CUSTOS_R18_5_REVOKED');
      const foreign = await answer({ approval: oldApproval() }, await issuer.tokenFor(otherOwner()));
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('CUSTOS_R3_1_NO_OWN_CAMERA_IN_SCOPE');
      expect(await counts()).toEqual(before);
    });
  });

  describe('reads for custody: segment lists, ranged content, packages (role SERVICE, R18.1–R18.5)', () => {
    const body = Buffer.concat(Array.from({ length: 64 }, (_, n) => Buffer.alloc(1024, n)));
    let serviceToken: string;

    beforeAll(async () => {
      serviceToken = await issuer.tokenFor(
        aPrincipal({ subject: 'service.custody', personId: 'service.custody', organisationId: 'custos', roles: ['SERVICE'], credentialNumber: undefined, scopes: ['custos:segments.read'] }),
      );
      await ingest('r-c1-0800', 'cam-1', '2026-02-03T08:00:00Z', '2026-02-03T08:10:00Z', body).expect(201);
    });

    const content = (segmentId: string, range?: string, token = serviceToken) => {
      const call = request(t.url)
        .get(`/v1/footage/segments/${segmentId}/content`)
        .set('authorization', `Bearer ${token}`)
        .buffer(true)
        .parse(binaryBody);
      return range === undefined ? call : call.set('range', range);
    };

    it("lists one owner's segments of the cameras and window, with their media type, for a service only", async () => {
      const list = await request(t.url)
        .get('/v1/footage/service/segments')
        .query({ cameraIds: 'cam-1', from: '2026-02-03T08:05:00Z', to: '2026-02-03T08:06:00Z', organisationId: 'org-owner-a' })
        .set('authorization', `Bearer ${serviceToken}`)
        .expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ segmentId: 'r-c1-0800', organisationId: 'org-owner-a', contentType: 'video/mp4', sizeBytes: body.length, sha256: sha256(body) }),
      ]);
      const refused = await request(t.url)
        .get('/v1/footage/service/segments')
        .query({ cameraIds: 'cam-1', from: '2026-02-03T08:05:00Z', to: '2026-02-03T08:06:00Z' })
        .set('authorization', `Bearer ${ownerToken}`);
      expect(refused.status).toBe(403);
    });

    it('refuses segment lists and ranges to a service whose client was not given the segments scope: only custody reads them (R3.1, issue 16)', async () => {
      const other = await issuer.tokenFor(
        aPrincipal({ subject: 'custos-requests', personId: 'service-requests', organisationId: 'custos', roles: ['SERVICE'], credentialNumber: undefined }),
      );
      const list = await request(t.url)
        .get('/v1/footage/service/segments')
        .query({ cameraIds: 'cam-1', from: '2026-02-03T08:05:00Z', to: '2026-02-03T08:06:00Z' })
        .set('authorization', `Bearer ${other}`);
      expect([list.status, list.body.code]).toEqual([403, 'CUSTOS_AUTH_SCOPE_REQUIRED']);
      const range = await content('r-c1-0800', 'bytes=0-99', other);
      expect([range.status, JSON.parse(String(range.body)).code]).toEqual([403, 'CUSTOS_AUTH_SCOPE_REQUIRED']);
    });

    it('serves one range (206, Content-Range) equal to the stored bytes, and the whole segment without Range', async () => {
      const part = await content('r-c1-0800', 'bytes=1000-5095');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 1000-5095/${body.length}`);
      expect(part.headers['content-type']).toBe('video/mp4');
      expect(part.headers['accept-ranges']).toBe('bytes');
      expect(part.body).toEqual(body.subarray(1000, 5096));
      const tail = await content('r-c1-0800', 'bytes=-10');
      expect(tail.status).toBe(206);
      expect(tail.body).toEqual(body.subarray(body.length - 10));
      const whole = await content('r-c1-0800');
      expect(whole.status).toBe(200);
      expect(sha256(whole.body)).toBe(sha256(body));
    });

    it('answers 416 to a range past the end or several ranges', async () => {
      const past = await content('r-c1-0800', `bytes=${body.length}-`);
      expect([past.status, JSON.parse(String(past.body)).code]).toEqual([416, 'CUSTOS_INPUT_RANGE_NOT_SATISFIABLE']);
      expect(past.headers['content-range']).toBe(`bytes */${body.length}`);
      expect((await content('r-c1-0800', 'bytes=0-1,4-5')).status).toBe(416);
    });

    it("lets an operator read their own organisation's segments only, and an officer none (R3.1)", async () => {
      expect((await content('r-c1-0800', 'bytes=0-9', ownerToken)).status).toBe(206);
      const other = await content('r-c1-0800', 'bytes=0-9', await issuer.tokenFor(otherOwner()));
      expect(other.status).toBe(404);
      const officer = await content('r-c1-0800', 'bytes=0-9', await issuer.tokenFor(aPrincipal({ roles: ['OFFICER'] })));
      expect(officer.status).toBe(403);
      expect((await content('no-such-segment', 'bytes=0-9')).status).toBe(404);
    });
  });
});

describe('storage start-up (R16.7)', () => {
  it('refuses to start with RETENTION_DAYS below 30 (R16.7)', () => {
    let error: unknown;
    try {
      StorageModule.forRoot({
        databaseUrl: 'postgres://unused',
        retentionDays: 29,
        footageStore: { retentionDays: 30 } as never,
        exportSigningKey: 'unused',
        cameras,
        approvalTrust: new InMemoryApprovalTrust(),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RetentionRefusedError);
    expect(error).toMatchObject({ code: 'CUSTOS_R16_7_RETENTION_TOO_SHORT', rule: 'R16.7' });
  });
});
