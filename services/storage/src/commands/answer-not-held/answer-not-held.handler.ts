import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FootageNotHeld, notHeldAggregateId, NotHeldCamera, STORAGE_FOOTAGE_NOT_HELD } from '@custos/contracts';
import { answerFootageNotHeld, DomainError, err, MINIMUM_RETENTION_DAYS, ok, Result } from '@custos/domain';
import { principalToActor } from '@custos/auth';
import { ApprovalTrust } from '@custos/platform';
import { approvedScopeOf, ownCamerasOf } from '../../domain/approved-scope';
import { CameraDirectory } from '../../domain/camera-directory.port';
import { NotHeldAnswers } from '../../domain/not-held-answers.port';
import { SegmentRecords } from '../../domain/segment-records.port';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import { pendingEvent } from '../../domain/event-recorder';
import { APPROVAL_TRUST, CAMERA_DIRECTORY, Clock, STORAGE_CLOCK } from '../../storage.tokens';
import { AnswerNotHeldCommand } from './answer-not-held.command';

/**
 * The owner's answer to an approved copy or retrieval that the footage is not held (R16.7):
 * on the document verified as for an export (R18.5), for the caller's own cameras of its scope
 * (R3.1), refused while any segment of one of them overlaps the window — what is held is
 * exported. The requesting organ is the one the verified document names. Recorded as
 * storage.FootageNotHeld with each camera's retention and reason, and kept for the requesting
 * organ's officers to read.
 */
@CommandHandler(AnswerNotHeldCommand)
export class AnswerNotHeldHandler implements ICommandHandler<
  AnswerNotHeldCommand,
  Result<FootageNotHeld, DomainError>
> {
  constructor(
    @Inject(CAMERA_DIRECTORY) private readonly cameras: CameraDirectory,
    @Inject(APPROVAL_TRUST) private readonly trust: ApprovalTrust,
    @Inject(STORAGE_CLOCK) private readonly clock: Clock,
    private readonly segments: SegmentRecords,
    private readonly answers: NotHeldAnswers,
  ) {}

  async execute(command: AnswerNotHeldCommand): Promise<Result<FootageNotHeld, DomainError>> {
    const { principal } = command;
    const now = this.clock();
    const scope = await approvedScopeOf(this.trust, command.approval, now, { cameraIds: command.cameraIds });
    if (!scope.ok) return scope;
    const { doc, window } = scope.value;
    const owned = await ownCamerasOf(this.cameras, scope.value.cameraIds, principal);
    if (!owned.ok) return owned;
    // The verified document names the requesting organ (R18.5): a differing statement is refused, never believed.
    if (
      command.requestingOrganisationId !== undefined &&
      command.requestingOrganisationId !== doc.requestingOrganisationId
    ) {
      return err(
        STORAGE_ERRORS.requestingOrganMismatch(command.requestingOrganisationId, doc.requestingOrganisationId),
      );
    }
    const cameras: NotHeldCamera[] = [];
    for (const camera of owned.value) {
      const held = await this.segments.overlapping(principal.organisationId, [camera.cameraId], window.from, window.to);
      const retentionDays = camera.retentionDays ?? MINIMUM_RETENTION_DAYS;
      const reason = answerFootageNotHeld(
        { cameraId: camera.cameraId, window, retentionDays, heldSegments: held.length },
        now,
      );
      if (!reason.ok) return reason;
      cameras.push({
        cameraId: camera.cameraId,
        imageSystemId: camera.imageSystemId,
        retentionDays,
        reason: reason.value,
      });
    }
    const answer: FootageNotHeld = {
      answerId: randomUUID(),
      requestId: doc.requestId,
      approvalDocumentNumber: doc.number,
      issuingOrganisationId: doc.issuingOrganisationId,
      requestingOrganisationId: doc.requestingOrganisationId,
      organisationId: principal.organisationId,
      cameras,
      windowFrom: window.from.toISOString(),
      windowTo: window.to.toISOString(),
      answeredAt: now.toISOString(),
    };
    await this.answers.record(answer, {
      aggregateId: notHeldAggregateId(answer.answerId),
      expectedVersion: 0,
      events: [pendingEvent(STORAGE_FOOTAGE_NOT_HELD, answer, principalToActor(principal))],
    });
    return ok(answer);
  }
}
