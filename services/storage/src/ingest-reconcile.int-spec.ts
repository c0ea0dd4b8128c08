// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import request from 'supertest';
import { segmentAggregateId } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { originalKey } from './domain/object-keys';
import { UnrecordedOriginals } from './reconciliation/unrecorded-originals';
import { StorageTestApp } from './testing/storage.test-support';
import { useStorageSuite } from './testing/storage-suite';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * An ingest that crashed between storing the original and writing its record (R16.3), on the
 * harness's Ceph RGW with Object Lock: the crash is what it leaves behind, the locked bytes at
 * the segment's key and no record. A retry with the same bytes completes it; other bytes are
 * an overwrite attempt; the reconciliation reports what no record names until then.
 */
describe('storage ingest survives a crash between the object and its record (R16.3)', () => {
  let t: StorageTestApp, token: string, events: EventStore;
  const suite = useStorageSuite('storage-reconcile');
  beforeAll(() => ({ t, ownerToken: token, events } = suite));

  const ingest = (segmentId: string, body: Buffer) =>
    request(t.url)
      .put(`/v1/footage/segments/${segmentId}`)
      .query({
        cameraId: 'cam-1',
        from: '2026-02-03T10:00:00Z',
        to: '2026-02-03T10:05:00Z',
        container: 'mp4',
        codec: 'h264',
      })
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/octet-stream')
      .send(body);
  /** What a crashed ingest leaves: the original stored and locked at its key, and nothing recorded. */
  const crashedIngest = (segmentId: string, body: Buffer) =>
    t.store.put(originalKey('org-owner-a', 'cam-1', segmentId), Readable.from([body]));
  const recordOf = async (segmentId: string) =>
    (
      await t.pool.query('SELECT sha256, object_key, version_id FROM storage_segments WHERE segment_id = $1', [
        segmentId,
      ])
    ).rows[0];

  it('completes the interrupted ingest when it is retried with the same bytes: recorded once, no overwrite attempt on the ledger (R16.3)', async () => {
    const bytes = Buffer.from('footage of the east entrance, stored before the crash');
    const stored = await crashedIngest('seg-crashed', bytes);
    const reconciliation = t.app.get(UnrecordedOriginals);
    expect(await reconciliation.reconcile()).toContain(stored.key);
    expect((await reconciliation.gauge.get()).values[0].value).toBeGreaterThanOrEqual(1);

    const retried = await ingest('seg-crashed', bytes);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ segmentId: 'seg-crashed', sha256: sha256(bytes) });
    expect(await recordOf('seg-crashed')).toEqual({
      sha256: sha256(bytes),
      object_key: stored.key,
      version_id: stored.versionId,
    });
    const stream = await events.readStream(segmentAggregateId('seg-crashed'));
    expect(stream.map((e) => e.type)).toEqual(['storage.SegmentIngested']);
    expect(stream[0].payload).toMatchObject({
      objectKey: stored.key,
      versionId: stored.versionId,
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
    });
    expect(await reconciliation.reconcile()).not.toContain(stored.key);

    // Completed, it is an original like any other: a second PUT is the overwrite attempt it is.
    const again = await ingest('seg-crashed', bytes);
    expect([again.status, again.body.code]).toEqual([409, 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE']);
  });

  it('refuses and records other bytes under the id of an interrupted ingest, recording no segment (R16.3)', async () => {
    const stored = await crashedIngest('seg-crashed-other', Buffer.from('the bytes that were stored'));
    const res = await ingest('seg-crashed-other', Buffer.from('other bytes, same id'));
    expect([res.status, res.body.code, res.body.rule]).toEqual([409, 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE', 'R16.3']);
    const stream = await events.readStream(segmentAggregateId('seg-crashed-other'));
    expect(stream).toEqual([
      expect.objectContaining({
        type: 'storage.OriginalAlterationRefused',
        payload: expect.objectContaining({ operation: 'OVERWRITE' }),
      }),
    ]);
    expect(await recordOf('seg-crashed-other')).toBeUndefined();
    expect(await t.app.get(UnrecordedOriginals).reconcile()).toContain(stored.key);
  });
});
