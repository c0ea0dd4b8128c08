import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SegmentIngested, segmentAggregateId, STORAGE_SEGMENT_INGESTED } from '@custos/contracts';
import { DomainError, domainErrorOf, err, ok, Result } from '@custos/domain';
import { assertOrganisation, Principal, principalToActor } from '@custos/auth';
import { operatorClaimsHeld } from '@custos/platform';
import { CameraDirectory, CameraOwnership } from '../../domain/camera-directory.port';
import { pendingEvent } from '../../domain/event-recorder';
import { originalKey } from '../../domain/object-keys';
import { segmentFactsOf, SegmentRecord, SegmentRecords } from '../../domain/segment-records.port';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import {
  FootageStore,
  IncompleteUploadError,
  OriginalExistsError,
  StoredObject,
} from '../../footage-store/footage-store.port';
import { CAMERA_DIRECTORY, Clock, FOOTAGE_STORE, STORAGE_CLOCK } from '../../storage.tokens';
import { RefuseAlterationHandler } from '../refuse-alteration/refuse-alteration.handler';

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
 * The one ingest path of an original (R16.3), whatever brings the bytes (one request, or a
 * resumable upload's parts): admitted (a camera of the caller's own organisation, no original
 * under its id), written once and locked by the store for its image system's retention
 * (R16.7), then recorded with its SegmentIngested event. Bytes stored under the id with no
 * record (a crash between the two steps) are completed by a retry with the same bytes.
 */
@Injectable()
export class OriginalIngest {
  private readonly logger = new Logger('IngestSegment');

  constructor(
    @Inject(FOOTAGE_STORE) private readonly store: FootageStore,
    @Inject(CAMERA_DIRECTORY) private readonly cameras: CameraDirectory,
    @Inject(STORAGE_CLOCK) private readonly clock: Clock,
    private readonly segments: SegmentRecords,
    private readonly refusals: RefuseAlterationHandler,
  ) {}

  /**
   * Whether `segment` may be ingested by `principal`: a camera of their own organisation (as the
   * registry holds the operator), a non-empty window, and no original under its id (an
   * overwrite, refused and recorded). Answers the camera, for the store's retention.
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

  /** Admits, stores once and records the segment. */
  async ingest(
    principal: Principal,
    meta: SegmentMeta,
    source: OriginalSource,
  ): Promise<Result<SegmentRecord, DomainError>> {
    const admitted = await this.admit(principal, meta);
    if (!admitted.ok) return admitted;
    const camera = admitted.value;
    const stored = await this.storeOnce(principal, meta, camera, source);
    if (!stored.ok) return stored;
    return this.record(principal, meta, camera, stored.value);
  }

  /** The bytes written once and locked; an interrupted ingest's bytes, when a retry brings the same. */
  private async storeOnce(
    principal: Principal,
    meta: SegmentMeta,
    camera: CameraOwnership,
    source: OriginalSource,
  ): Promise<Result<StoredObject, DomainError>> {
    const key = originalKey(camera.organisationId, camera.cameraId, meta.segmentId);
    try {
      return ok(
        await source.write(key, { contentType: `video/${meta.container}`, retentionDays: camera.retentionDays }),
      );
    } catch (error) {
      if (error instanceof IncompleteUploadError)
        return err(STORAGE_ERRORS.incompleteUpload(error.expected, error.received));
      if (!(error instanceof OriginalExistsError)) throw error;
      const unrecorded = await this.storedByInterruptedIngest(key, source);
      if (unrecorded === undefined)
        return err(await this.refusals.refuse(principal, meta.segmentId, 'OVERWRITE', true));
      this.logger.warn({
        msg: 'interrupted ingest completed by its retry',
        code: 'CUSTOS_R16_3_INGEST_RECONCILED',
        segmentId: meta.segmentId,
        key,
        versionId: unrecorded.versionId,
      });
      return ok(unrecorded);
    }
  }

  /** The record and its event, in one transaction; a record of the id written meanwhile wins. */
  private async record(
    principal: Principal,
    meta: SegmentMeta,
    camera: CameraOwnership,
    stored: StoredObject,
  ): Promise<Result<SegmentRecord, DomainError>> {
    const segment: SegmentRecord = {
      segmentId: meta.segmentId,
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
    const event = {
      aggregateId: segmentAggregateId(segment.segmentId),
      expectedVersion: 'any' as const,
      events: [pendingEvent(STORAGE_SEGMENT_INGESTED, ingestedEventOf(segment, camera), principalToActor(principal))],
    };
    let recorded: 'RECORDED' | 'DUPLICATE';
    try {
      recorded = await this.segments.recordIngested(segment, event);
    } catch (error) {
      // The bytes are stored and locked but unrecorded: say where, for the operator.
      this.logger.error({
        msg: 'original stored but not recorded',
        segmentId: segment.segmentId,
        key: stored.key,
        versionId: stored.versionId,
      });
      throw error;
    }
    // Another upload of the same id won the race: its record stands, this one is refused.
    if (recorded === 'DUPLICATE')
      return err(await this.refusals.refuse(principal, segment.segmentId, 'OVERWRITE', true));
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

function ingestedEventOf(segment: SegmentRecord, camera: CameraOwnership): SegmentIngested {
  return {
    ...segmentFactsOf(segment),
    objectKey: segment.objectKey,
    ...(segment.versionId ? { versionId: segment.versionId } : {}),
    retainUntil: segment.retainUntil.toISOString(),
    ...(camera.retentionDays === undefined ? {} : { retentionDays: camera.retentionDays }),
  };
}

export async function sha256Of(body: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
