import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createSHA256 } from 'hash-wasm';
import { assertOrganisation, Principal } from '@custos/auth';
import { DomainError, err, ok, Result } from '@custos/domain';
import { SegmentRecord } from '../../domain/segment-records.port';
import { UploadSession, UploadSessionRecords } from '../../domain/upload-session-records.port';
import { originalKey } from '../../domain/object-keys';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import { FootageStore } from '../../footage-store/footage-store.port';
import { Clock, FOOTAGE_STORE, STORAGE_CLOCK } from '../../storage.tokens';
import { OriginalIngest, SegmentMeta } from '../ingest-segment/original-ingest';

/** Bytes per part: S3's minimum part is 5 MiB; 8 MiB is the single-shot ingest's part size too. */
export const UPLOAD_PART_SIZE = 8 * 1024 * 1024;
/** How long a session may be resumed from its creation; then its parts are discarded. */
export const UPLOAD_SESSION_TTL_MS = 24 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export interface NewSegmentUpload extends SegmentMeta {
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** hash-wasm's SHA-256, its state carried between requests (and processes) in the session row. */
async function hasherAt(state: Buffer | null) {
  const hasher = await createSHA256();
  if (state) hasher.load(state);
  else hasher.init();
  return hasher;
}

/**
 * Resumable upload of an original (issue 18, R16.3): a session for one segment with its size
 * and SHA-256 declared, parts of `UPLOAD_PART_SIZE` taken strictly in order (so what the
 * service holds is always a prefix of the file and its hash is carried forward part by part),
 * the whole SHA-256 checked against the declared one before anything is committed, and the
 * commit made by the single-shot ingest's own path (`OriginalIngest.ingest`): the same
 * admission, write-once store, lock (R16.7), record and event. A refused step changes nothing.
 */
@Injectable()
export class UploadSessions implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('UploadSession');
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(FOOTAGE_STORE) private readonly store: FootageStore,
    @Inject(STORAGE_CLOCK) private readonly clock: Clock,
    private readonly sessions: UploadSessionRecords,
    private readonly ingests: OriginalIngest,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  async create(principal: Principal, upload: NewSegmentUpload): Promise<Result<UploadSession, DomainError>> {
    const admitted = await this.ingests.admit(principal, upload);
    if (!admitted.ok) return admitted;
    const camera = admitted.value;
    const open = await this.sessions.findBySegment(upload.segmentId);
    if (open && open.expiresAt > this.clock())
      return err(STORAGE_ERRORS.uploadSessionOpen(upload.segmentId, open.sessionId));
    if (open) await this.discard(open);
    const objectKey = originalKey(camera.organisationId, camera.cameraId, upload.segmentId);
    const uploadId = await this.store.startUpload(objectKey, `video/${upload.container}`);
    const now = this.clock();
    const session = {
      ...upload,
      sessionId: randomUUID(),
      organisationId: camera.organisationId,
      partSize: UPLOAD_PART_SIZE,
      objectKey,
      uploadId,
      createdBy: principal.subject,
      createdAt: now,
      expiresAt: new Date(now.getTime() + UPLOAD_SESSION_TTL_MS),
    };
    if (!(await this.sessions.insert(session))) {
      // Another request opened one for this segment meanwhile: its session stands.
      await this.store.abortUpload(objectKey, uploadId).catch(() => undefined);
      const winner = await this.sessions.findBySegment(upload.segmentId);
      return err(STORAGE_ERRORS.uploadSessionOpen(upload.segmentId, winner?.sessionId ?? ''));
    }
    return ok({ ...session, receivedBytes: 0, parts: [], hashState: null });
  }

  /** The session as it stands: what the client resumes from (`receivedBytes`). */
  async status(principal: Principal, sessionId: string): Promise<Result<UploadSession, DomainError>> {
    const session = await this.sessions.find(sessionId);
    if (!session) return err(STORAGE_ERRORS.uploadSessionNotFound(sessionId));
    assertOrganisation(principal, session.organisationId);
    if (session.expiresAt <= this.clock())
      return err(STORAGE_ERRORS.uploadSessionExpired(sessionId, session.expiresAt));
    return ok(session);
  }

  /**
   * Part `part` of the session: only the next one, of exactly its length (a cut-off body is
   * refused and the session stays where it was); stored by the store, then the session
   * advances with the hash carried over it.
   */
  async putPart(
    principal: Principal,
    sessionId: string,
    part: number,
    body: Readable,
    contentLength?: number,
  ): Promise<Result<UploadSession, DomainError>> {
    const found = await this.status(principal, sessionId);
    if (!found.ok) return found;
    const session = found.value;
    const expectedPart = nextPartOf(session);
    if (part !== expectedPart || session.receivedBytes >= session.sizeBytes) {
      return err(STORAGE_ERRORS.uploadPartOutOfOrder(part, expectedPart, session.receivedBytes));
    }
    const length = Math.min(session.partSize, session.sizeBytes - session.receivedBytes);
    if (contentLength !== undefined && contentLength !== length)
      return err(STORAGE_ERRORS.incompleteUpload(length, contentLength));
    const { bytes, received } = await readExactly(body, length);
    if (received !== length) return err(STORAGE_ERRORS.incompleteUpload(length, received));

    const lease = await this.sessions.lease(sessionId, session.receivedBytes);
    if (!lease) return err(STORAGE_ERRORS.uploadPartBusy(sessionId));
    try {
      const etag = await this.store.uploadPart(session.objectKey, session.uploadId, part, bytes);
      const hasher = await hasherAt(session.hashState);
      hasher.update(bytes);
      const recorded = await this.sessions.addPart(
        sessionId,
        lease,
        { part, etag },
        length,
        Buffer.from(hasher.save()),
      );
      if (!recorded) return err(STORAGE_ERRORS.uploadPartBusy(sessionId));
    } catch (error) {
      await this.sessions.release(sessionId, lease).catch(() => undefined);
      throw error;
    }
    return this.status(principal, sessionId);
  }

  /**
   * Commits the session's bytes as the segment's original, after checking their SHA-256
   * against the declared one (a mismatch stores nothing, R16.3), through the ingest's path.
   */
  async complete(principal: Principal, sessionId: string): Promise<Result<SegmentRecord, DomainError>> {
    const found = await this.status(principal, sessionId);
    if (!found.ok) return found;
    const session = found.value;
    if (session.receivedBytes < session.sizeBytes) {
      return err(STORAGE_ERRORS.uploadNotComplete(session.sizeBytes, session.receivedBytes));
    }
    const received = (await hasherAt(session.hashState)).digest('hex');
    if (received !== session.sha256) return err(STORAGE_ERRORS.uploadHashMismatch(session.sha256, received));
    const lease = await this.sessions.lease(sessionId, session.receivedBytes);
    if (!lease) return err(STORAGE_ERRORS.uploadPartBusy(sessionId));
    let result: Result<SegmentRecord, DomainError>;
    try {
      result = await this.ingests.ingest(principal, session, {
        write: (key, options) => {
          if (key !== session.objectKey)
            throw new Error(`upload session ${sessionId} holds ${session.objectKey}, not ${key}`);
          return this.store.completeUpload(key, session.uploadId, session.parts, {
            ...options,
            expectedSize: session.sizeBytes,
            sha256: received,
          });
        },
        identity: async () => ({ sha256: received, bytes: session.sizeBytes }),
      });
    } catch (error) {
      await this.sessions.release(sessionId, lease).catch(() => undefined);
      throw error;
    }
    if (result.ok) await this.sessions.delete(sessionId);
    else await this.sessions.release(sessionId, lease);
    return result;
  }

  /** Discards the session and its parts; an expired session may be aborted too. */
  async abort(principal: Principal, sessionId: string): Promise<Result<void, DomainError>> {
    const session = await this.sessions.find(sessionId);
    if (!session) return err(STORAGE_ERRORS.uploadSessionNotFound(sessionId));
    assertOrganisation(principal, session.organisationId);
    await this.discard(session);
    return ok(undefined);
  }

  /** Discards expired sessions' parts; never throws (a timer's loop must not end the process). */
  async sweep(): Promise<number> {
    let discarded = 0;
    try {
      for (const session of await this.sessions.expired(this.clock())) {
        await this.discard(session);
        discarded += 1;
      }
    } catch (error) {
      this.logger.warn({
        msg: 'upload session sweep failed',
        code: 'CUSTOS_R16_3_UPLOAD_SWEEP_FAILED',
        reason: (error as Error).message,
      });
    }
    return discarded;
  }

  private async discard(session: UploadSession): Promise<void> {
    // An upload the store no longer knows (aborted by an earlier try) is already discarded.
    await this.store.abortUpload(session.objectKey, session.uploadId).catch((error: { code?: string }) => {
      if (error.code !== 'NoSuchUpload') throw error;
    });
    await this.sessions.delete(session.sessionId);
  }
}

export function nextPartOf(session: Pick<UploadSession, 'receivedBytes' | 'partSize'>): number {
  return Math.floor(session.receivedBytes / session.partSize) + 1;
}

/**
 * The part's bytes, or fewer or more (then refused by their count). Bytes past `length` are
 * counted, not kept; the body is read to its end so that the refusal can still be answered.
 */
async function readExactly(body: Readable, length: number): Promise<{ bytes: Buffer; received: number }> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let received = 0;
  for await (const chunk of body) {
    received += (chunk as Buffer).length;
    if (kept + (chunk as Buffer).length <= length) {
      chunks.push(chunk as Buffer);
      kept += (chunk as Buffer).length;
    }
  }
  return { bytes: Buffer.concat(chunks, kept), received };
}
