import { operatorClaimsHeld } from '@custos/platform';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { SegmentIngested, segmentAggregateId, STORAGE_SEGMENT_INGESTED } from '@custos/contracts';
import { DomainError, domainErrorOf, err, ok, Result } from '@custos/domain';
import { EventStore, inTransaction } from '@custos/eventstore';
import { assertOrganisation, Principal, principalToActor } from '@custos/auth';
import { SegmentRecord, SegmentRepository } from '../../database/segment.repository';
import { CameraDirectory, CameraOwnership } from '../../domain/camera-directory.port';
import { pendingEvent } from '../../domain/event-recorder';
import { originalKey } from '../../domain/object-keys';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import {
  FootageStore,
  IncompleteUploadError,
  OriginalExistsError,
  StoredObject,
} from '../../footage-store/footage-store.port';
import {
  CAMERA_DIRECTORY,
  Clock,
  FOOTAGE_STORE,
  STORAGE_CLOCK,
  STORAGE_EVENT_STORE,
  STORAGE_POOL,
} from '../../storage.tokens';
import { RefuseAlterationHandler } from '../refuse-alteration/refuse-alteration.handler';
import { IngestSegmentCommand } from './ingest-segment.command';

const UNIQUE_VIOLATION = '23505';

/** What a segment is, as its uploader states it. */
export interface SegmentMeta {
  readonly segmentId: string;
  readonly cameraId: string;
  readonly from: Date;
  readonly to: Date;
  readonly container: string;
  readonly codec: string;
}

/** Where an original's bytes come from: one request's body, or a resumable upload's parts. */
export interface OriginalSource {
  /** Writes the bytes once at `key`, locked (the store's `put` or `completeUpload`). */
  write(key: string, options: { contentType: string; retentionDays?: number }): Promise<StoredObject>;
  /** The SHA-256 and size of the bytes brought, to recognise them in an unrecorded object. */
  identity(): Promise<{ sha256: string; bytes: number }>;
}

/**
 * Ingest of an original segment by its owner (R16.3): only for a camera of the caller's own
 * organisation, locked for its image system's retention (R16.7); the body goes straight from the request to the write-once store while its
 * SHA-256 is computed, so memory does not depend on the segment's size; then the record and
 * the SegmentIngested event are written in one transaction. A segment id that exists is an
 * overwrite: refused and recorded, before a byte is read. Bytes stored under the id with no
 * record (a crash between the two steps) are completed by a retry with the same bytes.
 */
@Injectable()
export class IngestSegmentHandler {
  private readonly logger = new Logger('IngestSegment');

  constructor(
    @Inject(STORAGE_POOL) private readonly pool: Pool,
    @Inject(FOOTAGE_STORE) private readonly store: FootageStore,
    @Inject(CAMERA_DIRECTORY) private readonly cameras: CameraDirectory,
    @Inject(STORAGE_EVENT_STORE) private readonly events: EventStore,
    @Inject(STORAGE_CLOCK) private readonly clock: Clock,
    private readonly segments: SegmentRepository,
    private readonly refusals: RefuseAlterationHandler,
  ) {}

  async execute(command: IngestSegmentCommand): Promise<Result<SegmentRecord, DomainError>> {
    const { body, contentLength } = command;
    return this.ingest(command.principal, command, {
      write: (key, options) => this.store.put(key, body, { ...options, expectedSize: contentLength }),
      identity: () => sha256Of(body),
    });
  }

  /**
   * Whether `segment` may be ingested by `principal`: a camera of their own organisation (as the
   * registry holds the operator), a
   * non-empty window, and no original under its id (an overwrite, refused and recorded).
   * Answers the camera, for the store's retention.
   */
  async admit(principal: Principal, segment: SegmentMeta): Promise<Result<CameraOwnership, DomainError>> {
    const camera = await this.cameras.cameraOf(segment.cameraId);
    if (!camera) return err(STORAGE_ERRORS.unknownCamera(segment.cameraId));
    assertOrganisation(principal, camera.organisationId);
    // The operator's organisation and division are the registry's, not the token's claims alone (issue 16).
    const registered = await operatorClaimsHeld(this.cameras, principal);
    if (!registered.ok) return registered;
    if (segment.from.getTime() >= segment.to.getTime()) {
      return err(
        domainErrorOf('CUSTOS_INPUT_WINDOW_EMPTY', { from: segment.from.toISOString(), to: segment.to.toISOString() }),
      );
    }
    const existing = await this.segments.find(segment.segmentId);
    if (existing) {
      assertOrganisation(principal, existing.organisationId);
      return err(await this.refusals.refuse(principal, segment.segmentId, 'OVERWRITE', true));
    }
    return ok(camera);
  }

  /**
   * The one ingest path, whatever brings the bytes (one request, or a resumable upload's
   * parts): admitted, written once and locked by the store, then recorded with its event.
   */
  async ingest(principal: Principal, meta: SegmentMeta, source: OriginalSource): Promise<Result<SegmentRecord, DomainError>> {
    const { segmentId } = meta;
    const admitted = await this.admit(principal, meta);
    if (!admitted.ok) return admitted;
    const camera = admitted.value;

    const key = originalKey(camera.organisationId, camera.cameraId, segmentId);
    let stored: StoredObject;
    try {
      stored = await source.write(key, {
        contentType: `video/${meta.container}`,
        retentionDays: camera.retentionDays,
      });
    } catch (error) {
      if (error instanceof OriginalExistsError) {
        const unrecorded = await this.storedByInterruptedIngest(key, source);
        if (unrecorded === undefined) return err(await this.refusals.refuse(principal, segmentId, 'OVERWRITE', true));
        this.logger.warn({
          msg: 'interrupted ingest completed by its retry',
          code: 'CUSTOS_R16_3_INGEST_RECONCILED',
          segmentId,
          key,
          versionId: unrecorded.versionId,
        });
        stored = unrecorded;
      } else if (error instanceof IncompleteUploadError) {
        return err(STORAGE_ERRORS.incompleteUpload(error.expected, error.received));
      } else {
        throw error;
      }
    }

    const segment: SegmentRecord = {
      segmentId,
      organisationId: camera.organisationId,
      imageSystemId: camera.imageSystemId,
      cameraId: camera.cameraId,
      from: meta.from,
      to: meta.to,
      container: meta.container,
      codec: meta.codec,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      objectKey: stored.key,
      ...(stored.versionId ? { versionId: stored.versionId } : {}),
      retainUntil: stored.retainUntil,
      ingestedAt: this.clock(),
    };
    const payload: SegmentIngested = {
      segmentId,
      organisationId: segment.organisationId,
      imageSystemId: segment.imageSystemId,
      cameraId: segment.cameraId,
      from: segment.from.toISOString(),
      to: segment.to.toISOString(),
      container: segment.container,
      codec: segment.codec,
      sizeBytes: segment.sizeBytes,
      sha256: segment.sha256,
      objectKey: segment.objectKey,
      ...(segment.versionId ? { versionId: segment.versionId } : {}),
      retainUntil: segment.retainUntil.toISOString(),
      ...(camera.retentionDays === undefined ? {} : { retentionDays: camera.retentionDays }),
    };
    try {
      await inTransaction(this.pool, async (tx) => {
        await this.segments.insert(segment, tx);
        await this.events.append(
          {
            aggregateId: segmentAggregateId(segmentId),
            expectedVersion: 'any',
            events: [pendingEvent(STORAGE_SEGMENT_INGESTED, payload, principalToActor(principal))],
          },
          tx,
        );
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        // Another upload of the same id won the race: its record stands, this one is refused.
        return err(await this.refusals.refuse(principal, segmentId, 'OVERWRITE', true));
      }
      // The bytes are stored and locked but unrecorded: say where, for the operator.
      this.logger.error({
        msg: 'original stored but not recorded',
        segmentId,
        key: stored.key,
        versionId: stored.versionId,
      });
      throw error;
    }
    return ok(segment);
  }

  /**
   * The bytes at the segment's key while no record names them: an ingest of this id stored
   * them and died before writing its record (R16.3). A retry bringing the same bytes (same
   * SHA-256, same size, both streamed) completes that ingest with the object as stored; other
   * bytes are an overwrite attempt, and undefined is returned.
   */
  private async storedByInterruptedIngest(key: string, retried: OriginalSource): Promise<StoredObject | undefined> {
    const head = await this.store.head(key);
    if (head === undefined) return undefined;
    const ref = { key, ...(head.versionId ? { versionId: head.versionId } : {}) };
    const [incoming, original] = await Promise.all([retried.identity(), this.store.read(ref).then(sha256Of)]);
    if (incoming.sha256 !== original.sha256 || incoming.bytes !== head.sizeBytes) return undefined;
    const { retainUntil } = await this.store.retention(ref);
    return { ...ref, sizeBytes: head.sizeBytes, sha256: original.sha256, retainUntil };
  }
}

async function sha256Of(body: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
