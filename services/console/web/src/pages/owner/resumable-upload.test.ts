// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type Answer,
  hashResumePoint,
  partsFrom,
  savedUploads,
  type SegmentToUpload,
  type UploadTransport,
  uploadResumably,
} from './resumable-upload';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

/** Storage's upload sessions as the service keeps them: parts in order, the hash checked at completion. */
class FakeStorage implements UploadTransport {
  readonly sessions = new Map<string, { size: number; sha256: string; bytes: Uint8Array[] }>();
  readonly calls: string[] = [];
  bytesPut = 0;
  /** Part numbers whose next PUT breaks off like a dropped connection. */
  readonly drop = new Set<number>();

  constructor(private readonly partSize: number) {}

  private view(id: string): Answer {
    const s = this.sessions.get(id)!;
    const received = s.bytes.reduce((n, b) => n + b.length, 0);
    return { status: 200, body: { sessionId: id, receivedBytes: received, partSizeBytes: this.partSize, nextPart: s.bytes.length + 1 } };
  }

  async json(method: string, path: string, body?: unknown): Promise<Answer> {
    this.calls.push(`${method} ${path}`);
    if (method === 'POST' && path === '/footage/uploads') {
      const { sizeBytes, sha256: declared } = body as { sizeBytes: number; sha256: string };
      const id = `s${this.sessions.size + 1}`;
      this.sessions.set(id, { size: sizeBytes, sha256: declared, bytes: [] });
      return { ...this.view(id), status: 201 };
    }
    const id = path.split('/')[3];
    const s = this.sessions.get(id);
    if (!s) return { status: 404, body: { code: 'CUSTOS_R16_3_UPLOAD_SESSION_NOT_FOUND' } };
    if (method === 'GET') return this.view(id);
    const whole = Buffer.concat(s.bytes);
    if (sha256(whole) !== s.sha256) return { status: 400, body: { code: 'CUSTOS_R16_3_UPLOAD_HASH_MISMATCH' } };
    this.sessions.delete(id);
    return { status: 201, body: { sha256: sha256(whole), retainUntil: '2026-03-18T09:30:00.000Z' } };
  }

  async put(path: string, bytes: Blob, onProgress: (sent: number) => void): Promise<Answer> {
    const [, , , id, , part] = path.split('/');
    this.calls.push(`PUT part ${part}`);
    if (this.drop.delete(Number(part))) throw new Error('network');
    const s = this.sessions.get(id)!;
    if (Number(part) !== s.bytes.length + 1) return { status: 409, body: { code: 'CUSTOS_R16_3_UPLOAD_PART_OUT_OF_ORDER' } };
    s.bytes.push(new Uint8Array(await bytes.arrayBuffer()));
    this.bytesPut += bytes.size;
    onProgress(bytes.size);
    return this.view(id);
  }
}

const SEGMENT: SegmentToUpload = {
  segmentId: 'cam-1-1',
  cameraId: 'cam-1',
  from: '2026-02-16T08:00:00.000Z',
  to: '2026-02-16T08:01:00.000Z',
  container: 'mp4',
  codec: 'h264',
};
const fileOf = (bytes: Uint8Array) => new File([new Uint8Array(bytes)], 'clip.mp4', { lastModified: 1_700_000_000_000 });

/** A first upload of `bytes` in 1 KiB parts whose connection drops at part `part`. */
async function brokenOffAt(bytes: Uint8Array, part: number) {
  const server = new FakeStorage(1024);
  const storage = new MemoryStorage();
  server.drop.add(part);
  await expect(uploadResumably(fileOf(bytes), SEGMENT, server, storage)).rejects.toThrow('network');
  return { server, storage };
}

describe('resumable upload in the browser (issue 18, R16.3)', () => {
  it('plans the parts still to send from the offset the service holds', () => {
    expect(partsFrom(0, 2500, 1000)).toEqual([
      { part: 1, start: 0, end: 1000 },
      { part: 2, start: 1000, end: 2000 },
      { part: 3, start: 2000, end: 2500 },
    ]);
    expect(partsFrom(2000, 2500, 1000)).toEqual([{ part: 3, start: 2000, end: 2500 }]);
    expect(partsFrom(2500, 2500, 1000)).toEqual([]);
  });

  it('resumes the hash from the saved state only when it covers no more than the service holds', () => {
    expect(hashResumePoint({ hashedBytes: 2000, hashState: 'AAA=' }, 3000)).toEqual({ from: 2000, state: 'AAA=' });
    expect(hashResumePoint({ hashedBytes: 3000, hashState: 'AAA=' }, 2000)).toEqual({ from: 0 });
    expect(hashResumePoint({ hashedBytes: 0, hashState: '' }, 2000)).toEqual({ from: 0 });
  });

  it('after a dropped part, the same file dropped again continues from the service offset without hashing the whole file again, and is stored with its hash', async () => {
    const bytes = randomBytes(5 * 1024 + 300);
    const { server, storage } = await brokenOffAt(bytes, 3);
    expect(savedUploads(storage)).toMatchObject([{ sessionId: 's1', hashedBytes: 2048, sha256: sha256(bytes) }]);

    const hashedAgain: number[] = [];
    const sent: number[] = [];
    const stored = await uploadResumably(fileOf(bytes), SEGMENT, server, storage, {
      onHashed: (n) => hashedAgain.push(n),
      onSent: (n) => sent.push(n),
    });
    expect(stored).toMatchObject({ sha256: sha256(bytes), localSha256: sha256(bytes), resumedFrom: 2048, segmentId: 'cam-1-1' });
    expect(hashedAgain).toEqual([]);
    expect(sent[0]).toBe(2048);
    expect(sent.at(-1)).toBe(bytes.length);
    expect(server.bytesPut).toBe(bytes.length);
    expect(server.calls.filter((c) => c.startsWith('POST /footage/uploads/'))).toHaveLength(1);
    expect(savedUploads(storage)).toEqual([]);
  });

  it('a saved session the service no longer holds (completed, aborted, expired) is forgotten and a new one opened', async () => {
    const bytes = randomBytes(2500);
    const { server, storage } = await brokenOffAt(bytes, 2);
    server.sessions.clear();
    const stored = await uploadResumably(fileOf(bytes), SEGMENT, server, storage);
    expect([stored.sha256, stored.resumedFrom]).toEqual([sha256(bytes), 0]);
    expect(server.calls.filter((c) => c === 'POST /footage/uploads')).toHaveLength(2);
  });

  it('never completes a file that changed since its session was opened: the browser hash differs from the declared one', async () => {
    const bytes = randomBytes(3000);
    const { server, storage } = await brokenOffAt(bytes, 2);
    const changed = Uint8Array.from(bytes);
    changed[2500] ^= 0xff;
    await expect(uploadResumably(fileOf(changed), SEGMENT, server, storage)).rejects.toMatchObject({
      code: 'CUSTOS_R16_3_UPLOAD_HASH_MISMATCH',
    });
    expect(server.calls.some((c) => c.endsWith('/complete'))).toBe(false);
  });
});
