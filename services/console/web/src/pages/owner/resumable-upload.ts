import { createSHA256, type IHasher } from 'hash-wasm';
import { sha256Hex, type Progress } from '../officer/hashing';

/** What makes a dropped file "the same file" again after a reload: its name, size and date. */
export interface FileIdentity {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
}

export interface SegmentToUpload {
  readonly segmentId: string;
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  readonly container: string;
  readonly codec: string;
}

/**
 * An upload under way, kept in localStorage so that a reload resumes it: the session, the file
 * it is for, the declared SHA-256, and the browser's hash state over the bytes already sent
 * (so a resumed upload hashes only what it still sends, not the whole file again).
 */
export interface SavedUpload extends SegmentToUpload {
  readonly sessionId: string;
  readonly file: FileIdentity;
  readonly sha256: string;
  readonly hashedBytes: number;
  /** hash-wasm's saved SHA-256 state over the first `hashedBytes` bytes, base64; '' for none. */
  readonly hashState: string;
}

export const UPLOADS_KEY = 'custos.owner.uploads.v1';

export function identityOf(file: FileIdentity): FileIdentity {
  return { name: file.name, size: file.size, lastModified: file.lastModified };
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

export function savedUploads(storage: Storage): SavedUpload[] {
  try {
    const saved = JSON.parse(storage.getItem(UPLOADS_KEY) ?? '[]') as unknown;
    return Array.isArray(saved) ? (saved as SavedUpload[]) : [];
  } catch {
    return [];
  }
}

function write(storage: Storage, uploads: readonly SavedUpload[]): void {
  storage.setItem(UPLOADS_KEY, JSON.stringify(uploads));
}

export function saveUpload(storage: Storage, upload: SavedUpload): void {
  write(storage, [...savedUploads(storage).filter((u) => u.sessionId !== upload.sessionId), upload]);
}

export function forgetUpload(storage: Storage, sessionId: string): void {
  write(storage, savedUploads(storage).filter((u) => u.sessionId !== sessionId));
}

/** The saved upload of this very file, if one is under way. */
export function savedUploadOf(storage: Storage, file: FileIdentity): SavedUpload | undefined {
  return savedUploads(storage).find((u) => sameFile(u.file, file));
}

/**
 * Where the browser's hash resumes: from the saved state when it covers no more than what the
 * service holds (the bytes between are hashed from the file again), else from the start.
 */
export function hashResumePoint(saved: Pick<SavedUpload, 'hashedBytes' | 'hashState'>, received: number): {
  readonly from: number;
  readonly state?: string;
} {
  return saved.hashState !== '' && saved.hashedBytes <= received ? { from: saved.hashedBytes, state: saved.hashState } : { from: 0 };
}

/** The parts still to send: [start, end) of each, from the service's offset. */
export function partsFrom(received: number, size: number, partSize: number): { part: number; start: number; end: number }[] {
  const parts = [];
  for (let start = received; start < size; start += partSize) {
    parts.push({ part: Math.floor(start / partSize) + 1, start, end: Math.min(size, start + partSize) });
  }
  return parts;
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** An answer of the storage service: its status and JSON body (a problem document when refused). */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** How the upload talks to storage (`/footage/uploads…`); the page gives XHR, tests a fake. */
export interface UploadTransport {
  json(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Answer>;
  /** PUTs raw bytes, reporting the bytes sent so far. */
  put(path: string, bytes: Blob, onProgress: (sent: number) => void): Promise<Answer>;
}

export interface UploadProgress {
  /** Bytes of the file hashed (the declaration's pass, before the first session only). */
  readonly onHashed?: Progress;
  /** Bytes the service holds plus those of the part on the wire. */
  readonly onSent?: (sent: number) => void;
}

export interface StoredSegment {
  readonly segmentId: string;
  readonly sha256: string;
  readonly retainUntil: string;
  /** The SHA-256 the browser computed over the bytes it sent. */
  readonly localSha256: string;
  readonly resumedFrom: number;
}

export class UploadRefused extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'UploadRefused';
  }
}

const codeOf = (answer: Answer): string => String(answer.body.code ?? answer.status);

/**
 * Uploads `file` as `segment` through a resumable session (issue 18): a saved session of the
 * same file is resumed from the offset the service holds (its segment as saved), else the file
 * is hashed, a session opened with that hash and saved. Parts go in order, each acknowledged
 * one saving the hash state; the browser's hash must equal the declared one before the
 * service is asked to complete (which checks it again), so a file changed since is never sent
 * as the segment. The saved session is forgotten once stored, or when the service no longer has
 * it for this person.
 */
export async function uploadResumably(
  file: Blob & FileIdentity,
  segment: SegmentToUpload,
  transport: UploadTransport,
  storage: Storage,
  progress: UploadProgress = {},
): Promise<StoredSegment> {
  let saved = savedUploadOf(storage, file);
  let status: Answer | undefined;
  if (saved) {
    status = await transport.json('GET', `/footage/uploads/${saved.sessionId}`);
    // Gone, expired, or another organisation's (a person signed in before on this browser).
    if (status.status === 404 || status.status === 403 || status.body.code === 'CUSTOS_R16_3_UPLOAD_SESSION_EXPIRED') {
      forgetUpload(storage, saved.sessionId);
      saved = undefined;
    } else if (status.status !== 200) throw new UploadRefused(codeOf(status));
  }
  if (!saved) {
    const sha256 = await sha256Hex(file, { onProgress: progress.onHashed });
    status = await transport.json('POST', '/footage/uploads', { ...segment, sizeBytes: file.size, sha256 });
    if (status.status !== 201) throw new UploadRefused(codeOf(status));
    saved = { ...segment, sessionId: String(status.body.sessionId), file: identityOf(file), sha256, hashedBytes: 0, hashState: '' };
    saveUpload(storage, saved);
  }
  const session = saved;
  const received = Number(status!.body.receivedBytes);
  const partSize = Number(status!.body.partSizeBytes);

  const hasher: IHasher = await createSHA256();
  const resume = hashResumePoint(session, received);
  if (resume.state) hasher.load(fromBase64(resume.state));
  else hasher.init();
  // Catch the hash up with what the service holds: only the bytes the saved state lacks.
  for (const { start, end } of partsFrom(resume.from, received, partSize)) {
    hasher.update(new Uint8Array(await file.slice(start, end).arrayBuffer()));
  }
  progress.onSent?.(received);
  for (const { part, start, end } of partsFrom(received, file.size, partSize)) {
    const bytes = file.slice(start, end);
    const sent = await transport.put(`/footage/uploads/${session.sessionId}/parts/${part}`, bytes, (n) =>
      progress.onSent?.(start + n),
    );
    if (sent.status !== 200) throw new UploadRefused(codeOf(sent));
    hasher.update(new Uint8Array(await bytes.arrayBuffer()));
    saveUpload(storage, { ...session, hashedBytes: end, hashState: toBase64(hasher.save()) });
    progress.onSent?.(end);
  }
  const localSha256 = hasher.digest('hex');
  if (localSha256 !== session.sha256) throw new UploadRefused('CUSTOS_R16_3_UPLOAD_HASH_MISMATCH');
  const stored = await transport.json('POST', `/footage/uploads/${session.sessionId}/complete`);
  if (stored.status !== 201) throw new UploadRefused(codeOf(stored));
  forgetUpload(storage, session.sessionId);
  return {
    segmentId: session.segmentId,
    sha256: String(stored.body.sha256),
    retainUntil: String(stored.body.retainUntil),
    localSha256,
    resumedFrom: received,
  };
}
