import { randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  ExportPackaged,
  exportAggregateId,
  ExportRefused,
  exportRefusalsAggregateId,
  ReExport,
  STORAGE_EXPORT_PACKAGED,
  STORAGE_EXPORT_REFUSED,
} from '@custos/contracts';
import { Principal, principalToActor } from '@custos/auth';
import {
  assertPublicationReleasable,
  clipSegmentToWindow,
  DomainError,
  err,
  ok,
  Result,
  RulePack,
  RulePackConfig,
  rulePackOfError,
  rulePackRefOf,
  segmentsCoveringWindow,
  selectRulePack,
  SignedApprovalDocument,
  recordedRuleOf,
  withRulePack,
} from '@custos/domain';
import { EventStore } from '@custos/eventstore';
import { ExportRecord, ExportRecords } from '../../domain/export-records.port';
import { SegmentRecord, SegmentRecords } from '../../domain/segment-records.port';
import { ApprovalTrust } from '@custos/platform';
import { CameraDirectory } from '../../domain/camera-directory.port';
import { approvedScopeOf, ownCamerasOf } from '../../domain/approved-scope';
import { pendingEvent } from '../../domain/event-recorder';
import { exportKey } from '../../domain/object-keys';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import { ManifestFile, ManifestSigner, ManifestSource, ManifestUncut } from '../../export-package/export-manifest';
import { exportPackageStream, PackageFile } from '../../export-package/export-package.writer';
import { cutSegmentToWindow } from '../../export-package/segment-cutter';
import { FootageStore, StoredObject } from '../../footage-store/footage-store.port';
import {
  APPROVAL_TRUST,
  CAMERA_DIRECTORY,
  Clock,
  FOOTAGE_STORE,
  STORAGE_CLOCK,
  STORAGE_EVENT_STORE,
  STORAGE_RULE_PACKS,
} from '../../storage.tokens';
import { ExportFootageCommand, ExportProgress } from './export-footage.command';

/** The approval verified and what it lets the caller export. */
interface VerifiedScope {
  readonly doc: SignedApprovalDocument['document'];
  readonly kind: 'COPY' | 'RETRIEVE';
  readonly owned: string[];
  readonly window: { from: Date; to: Date };
  readonly now: Date;
  readonly pack: RulePack | undefined;
}

/** A package in the store, before it is recorded. */
interface WrittenPackage {
  readonly exportId: string;
  readonly stored: StoredObject;
  readonly manifestSha256: string;
  readonly segmentIds: readonly string[];
  readonly notCut: readonly ManifestUncut[];
}

export interface ExportResult extends ExportRecord {
  readonly signerKeyId: string;
  readonly cameraIds: readonly string[];
  readonly window: { readonly from: string; readonly to: string };
  readonly reExport?: ReExport;
  /** Segments straddling a bound that could not be cut, left out (R3.1). */
  readonly notCut: readonly ManifestUncut[];
}

/**
 * An export for an approved copy or retrieval (R18.5): the approval document is verified with
 * the issuing organ's trusted key (signature, validity, revocation, kind, scope); the package
 * holds exactly the caller's segments that overlap the approved window on the approved
 * cameras (R3.1), each re-hashed against its ingest hash on the way, then a manifest signed
 * by the storage service. The package streams into the write-once store and its SHA-256 is
 * recorded in the ExportPackaged event, with the rule pack of the systems' place (the owner's
 * division) at that instant (issue 21).
 *
 * A release for public dissemination (`publication`) is refused where the pack requires
 * masking and the masking is not recorded (CN2025-PUBLISH); it never carries footage bytes: its
 * package names the originals by hash and the masked file (made by hand, outside Custos) by
 * its hash, who masked it and when.
 */
@CommandHandler(ExportFootageCommand)
export class ExportFootageHandler implements ICommandHandler<ExportFootageCommand, Result<ExportResult, DomainError>> {
  private readonly logger = new Logger('Storage');

  constructor(
    @Inject(FOOTAGE_STORE) private readonly store: FootageStore,
    @Inject(CAMERA_DIRECTORY) private readonly cameras: CameraDirectory,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    @Inject(STORAGE_EVENT_STORE) private readonly events: EventStore,
    @Inject(STORAGE_CLOCK) private readonly clock: Clock,
    private readonly signer: ManifestSigner,
    private readonly segments: SegmentRecords,
    private readonly exports: ExportRecords,
    @Inject(STORAGE_RULE_PACKS) private readonly rulePacks: RulePackConfig,
  ) {}

  async execute(command: ExportFootageCommand): Promise<Result<ExportResult, DomainError>> {
    const result = await this.export(command);
    if (!result.ok) {
      // The refusal is answered whether or not its record could be written; a failure to record is logged.
      await this.recordRefusal(command.principal, command.approval, result.error).catch((error: unknown) =>
        this.logger.error({
          msg: 'export refusal not recorded',
          code: result.error.code,
          reason: String((error as Error)?.message ?? error),
        }),
      );
    }
    return result;
  }

  private async export(command: ExportFootageCommand): Promise<Result<ExportResult, DomainError>> {
    const { principal, approval } = command;
    const now = this.clock();
    const scope = await approvedScopeOf(this.trust, approval, now, {
      cameraIds: command.cameraIds,
      window: command.window,
    });
    if (!scope.ok) return scope;
    const { doc, window } = scope.value;
    const cameras = await ownCamerasOf(this.cameras, scope.value.cameraIds, principal);
    if (!cameras.ok) return cameras;
    const owned = cameras.value.map((c) => c.cameraId);
    const kind = doc.kind;
    // The systems stand where their owner is registered: the owner's division decides the text.
    const selected = selectRulePack(principal.divisionCode, now, this.rulePacks);
    const pack = selected.ok ? selected.value : undefined;
    if (command.publication) {
      if (!selected.ok) return selected;
      const releasable = assertPublicationReleasable(command.publication.masking, now, selected.value);
      if (!releasable.ok) return err(withRulePack(releasable.error, selected.value));
    }

    // One export of a document at a time per owner: two cannot both pass the "already exported" check (R18.5).
    return this.exports.oneExportAtATime(principal.organisationId, doc.number, () =>
      this.packageAndRecord(command, { doc, kind, owned, window, now, pack }),
    );
  }

  /** Packages the verified scope and records it, once the document may be exported (again). */
  private async packageAndRecord(
    command: ExportFootageCommand,
    scope: VerifiedScope,
  ): Promise<Result<ExportResult, DomainError>> {
    const { principal } = command;
    const { doc, owned, window } = scope;
    // One clear fulfilment: a document already exported is exported again only when asked, with a reason.
    const previous = await this.exports.latestForDocument(principal.organisationId, doc.number);
    if (previous && command.reExportReason === undefined) {
      return err(STORAGE_ERRORS.alreadyExported(doc.number, previous.exportId, previous.exportedAt));
    }
    const reExport: ReExport | undefined =
      previous && command.reExportReason !== undefined
        ? { previousExportId: previous.exportId, reason: command.reExportReason }
        : undefined;
    const candidates = await this.segments.overlapping(principal.organisationId, owned, window.from, window.to);
    const selected = segmentsCoveringWindow(
      candidates.map((s) => ({ ...s, id: s.segmentId })),
      owned,
      window,
    );
    const written = await this.writePackage(command, scope, selected, randomUUID());
    const record = await this.recordExport(command, scope, written, reExport);
    const scopeWindow = { from: window.from.toISOString(), to: window.to.toISOString() };
    return ok({
      ...record,
      signerKeyId: this.signer.keyId,
      cameraIds: owned,
      window: scopeWindow,
      notCut: written.notCut,
      ...(reExport ? { reExport } : {}),
    });
  }

  /**
   * Streams the package of the selected segments into the write-once store: the footage (cut
   * at a bound where it straddles one) and the signed manifest; a publication names the
   * originals and packages none.
   */
  private async writePackage(
    command: ExportFootageCommand,
    scope: VerifiedScope,
    selected: readonly SegmentRecord[],
    exportId: string,
  ): Promise<WrittenPackage> {
    const { principal, approval, publication } = command;
    const { doc, owned, window, now, pack } = scope;
    const outcome: { manifestSha256?: string } = {};
    // Derived files (cut at a bound) live on scratch disk until the package is stored.
    const workDir = await fs.mkdtemp(join(tmpdir(), 'custos-export-'));
    const files: PackageFile[] = [];
    const notCut: ManifestUncut[] = [];
    const sources: ManifestSource[] = [];
    try {
      for (const segment of selected) {
        if (publication) {
          // A publication releases the masked file only: the originals are named, never packaged.
          const { segmentId, cameraId, sha256 } = segment;
          sources.push({ segmentId, cameraId, from: segment.from.toISOString(), to: segment.to.toISOString(), sha256 });
          continue;
        }
        const file = await this.packageFile(segment, window, workDir);
        if ('reason' in file) notCut.push(file);
        else files.push(file);
      }
      const body = exportPackageStream(
        files,
        {
          format: 'custos-export/1',
          exportId,
          exportedAt: now.toISOString(),
          exportedBy: { subject: principal.subject, organisationId: principal.organisationId },
          approvalDocumentNumber: doc.number,
          approval,
          scope: { cameraIds: owned, window: { from: window.from.toISOString(), to: window.to.toISOString() } },
          ...(notCut.length > 0 ? { notCut } : {}),
          ...(publication
            ? {
                purpose: 'PUBLICATION' as const,
                sources,
                ...(publication.masking ? { masking: publication.masking } : {}),
              }
            : {}),
          ...(pack ? { rulePack: rulePackRefOf(pack) } : {}),
        },
        this.signer,
        outcome,
      );
      const stored = await this.store.put(
        exportKey(principal.organisationId, exportId),
        command.onProgress ? counted(body, files, command.onProgress) : body,
        {
          contentType: 'application/x-tar',
        },
      );
      const segmentIds = publication ? sources.map((s) => s.segmentId) : files.map((f) => f.entry.segmentId);
      return { exportId, stored, manifestSha256: outcome.manifestSha256!, segmentIds, notCut };
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  }

  /** The package's record and its ExportPackaged event, in one transaction. */
  private async recordExport(
    command: ExportFootageCommand,
    scope: VerifiedScope,
    written: WrittenPackage,
    reExport: ReExport | undefined,
  ): Promise<ExportRecord> {
    const { principal, publication } = command;
    const { doc, kind, owned, window, now, pack } = scope;
    const { exportId, stored } = written;
    const record: ExportRecord = {
      exportId,
      organisationId: principal.organisationId,
      approvalDocumentNumber: doc.number,
      objectKey: stored.key,
      ...(stored.versionId ? { versionId: stored.versionId } : {}),
      packageSha256: stored.sha256,
      packageSizeBytes: stored.sizeBytes,
      manifestSha256: written.manifestSha256,
      segmentIds: written.segmentIds,
      exportedAt: now,
    };
    const payload: ExportPackaged = {
      exportId,
      approvalDocumentNumber: doc.number,
      issuingOrganisationId: doc.issuingOrganisationId,
      requestId: doc.requestId,
      requestingOrganisationId: doc.requestingOrganisationId,
      approvalDocumentId: doc.documentId,
      kind,
      organisationId: principal.organisationId,
      cameraIds: owned,
      windowFrom: window.from.toISOString(),
      windowTo: window.to.toISOString(),
      segmentIds: [...record.segmentIds],
      objectKey: record.objectKey,
      ...(record.versionId ? { versionId: record.versionId } : {}),
      packageSha256: record.packageSha256,
      packageSizeBytes: record.packageSizeBytes,
      manifestSha256: record.manifestSha256,
      signerKeyId: this.signer.keyId,
      exportedAt: now.toISOString(),
      ...(reExport ? { reExport } : {}),
      ...(publication
        ? {
            purpose: 'PUBLICATION' as const,
            ...(publication.masking
              ? { masking: { ...publication.masking, features: [...publication.masking.features] } }
              : {}),
          }
        : {}),
      ...(pack ? { rulePack: rulePackRefOf(pack) } : {}),
    };
    await this.exports.recordPackaged(record, {
      aggregateId: exportAggregateId(exportId),
      expectedVersion: 0,
      events: [pendingEvent(STORAGE_EXPORT_PACKAGED, payload, principalToActor(principal))],
    });
    return record;
  }

  /** A refused export leaves its trace (R18.5): what was presented, the code and the rule. Nothing else changes. */
  private async recordRefusal(
    principal: Principal,
    approval: SignedApprovalDocument,
    refusal: DomainError,
  ): Promise<void> {
    const doc = (approval?.document ?? {}) as Partial<SignedApprovalDocument['document']>;
    const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined);
    const presented = Object.entries({
      approvalDocumentNumber: text(doc.number, 40),
      approvalDocumentId: text(doc.documentId, 200),
      issuingOrganisationId: text(doc.issuingOrganisationId, 200),
      requestId: text(doc.requestId, 200),
    }).filter(([, value]) => value !== undefined);
    const rulePack = rulePackOfError(refusal);
    const payload: ExportRefused = {
      organisationId: principal.organisationId,
      ...Object.fromEntries(presented),
      code: refusal.code,
      rule: recordedRuleOf(refusal),
      reason: refusal.message.slice(0, 2000),
      at: this.clock().toISOString(),
      ...(rulePack ? { rulePack } : {}),
    };
    await this.events.append({
      aggregateId: exportRefusalsAggregateId(principal.organisationId),
      expectedVersion: 'any',
      events: [pendingEvent(STORAGE_EXPORT_REFUSED, payload, principalToActor(principal))],
    });
  }

  /**
   * A segment inside the window goes into the package as stored; one straddling a bound is cut
   * at the bound (R3.1), and the manifest traces the derived file to its write-once original
   * (R16.3). One that cannot be cut is left out with its reason: never widened.
   */
  private async packageFile(
    segment: SegmentRecord,
    window: { from: Date; to: Date },
    workDir: string,
  ): Promise<PackageFile | ManifestUncut> {
    const clipped = clipSegmentToWindow({ id: segment.segmentId, ...segment }, window)!;
    const whole = this.wholeFile(segment, clipped);
    if (clipped.from.getTime() === segment.from.getTime() && clipped.to.getTime() === segment.to.getTime())
      return whole;
    const startSeconds = (clipped.from.getTime() - segment.from.getTime()) / 1000;
    const endSeconds = (clipped.to.getTime() - segment.from.getTime()) / 1000;
    const cut = await cutSegmentToWindow({
      segmentId: segment.segmentId,
      container: segment.container,
      open: whole.open,
      expectedSha256: segment.sha256,
      startSeconds,
      endSeconds,
      workDir,
    });
    if (!cut.ok) {
      const { segmentId, cameraId, from, to, withinScope } = whole.entry;
      return { segmentId, cameraId, from, to, withinScope, reason: cut.reason };
    }
    return {
      entry: {
        ...whole.entry,
        path: `footage/${encodeURIComponent(segment.cameraId)}/${encodeURIComponent(segment.segmentId)}.cut.mp4`,
        container: 'mp4',
        codec: 'h264',
        sizeBytes: cut.sizeBytes,
        sha256: cut.sha256,
        cut: {
          method: cut.method,
          startSeconds,
          endSeconds,
          frames: cut.frames,
          ...(cut.streamCopied ? { streamCopied: cut.streamCopied } : {}),
          reEncoded: cut.reEncoded,
          ...(cut.reEncodedBecause ? { reEncodedBecause: cut.reEncodedBecause } : {}),
          original: {
            sha256: segment.sha256,
            sizeBytes: segment.sizeBytes,
            ...(segment.versionId ? { versionId: segment.versionId } : {}),
            container: segment.container,
            codec: segment.codec,
          },
        },
      },
      open: async () => createReadStream(cut.file, { highWaterMark: 1024 * 1024 }),
    };
  }

  private wholeFile(segment: SegmentRecord, clipped: { from: Date; to: Date }): PackageFile {
    const entry: ManifestFile = {
      path: `footage/${encodeURIComponent(segment.cameraId)}/${encodeURIComponent(segment.segmentId)}.${segment.container}`,
      segmentId: segment.segmentId,
      cameraId: segment.cameraId,
      from: segment.from.toISOString(),
      to: segment.to.toISOString(),
      withinScope: { from: clipped.from.toISOString(), to: clipped.to.toISOString() },
      container: segment.container,
      codec: segment.codec,
      sizeBytes: segment.sizeBytes,
      sha256: segment.sha256,
    };
    return { entry, open: () => this.store.read({ key: segment.objectKey, versionId: segment.versionId }) };
  }
}

/**
 * The package stream, telling `onProgress` the bytes that went through (at the start, then per
 * chunk). The total is the footage's size plus a tar header per file: close, not exact (the
 * manifest's size is not known before it is written), so the last report is capped at it.
 */
function counted(
  body: Readable,
  files: readonly PackageFile[],
  onProgress: (progress: ExportProgress) => void,
): Readable {
  const totalBytes = files.reduce((sum, f) => sum + f.entry.sizeBytes + 1024, 0) + 4096;
  onProgress({ bytes: 0, totalBytes });
  return Readable.from(
    (async function* () {
      let bytes = 0;
      for await (const chunk of body) {
        bytes += (chunk as Buffer).length;
        onProgress({ bytes: Math.min(bytes, totalBytes), totalBytes });
        yield chunk as Buffer;
      }
    })(),
  );
}
