import { randomUUID } from 'node:crypto';
import { principalToActor } from '@custos/auth';
import {
  FindingRaised,
  findingAggregateId,
  inspectionAggregateId,
  InspectionRecorded,
  OVERSIGHT_FINDING_RAISED,
  OVERSIGHT_INSPECTION_RECORDED,
  OversightSubject,
} from '@custos/contracts';
import { domainErrorOf, penaltyArticleOf } from '@custos/domain';
import { currentCorrelationId, refuse } from '@custos/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayAct } from '../../access/oversight-access';
import { Findings, OVERSIGHT_CLOCK } from '../shared/findings.port';
import { Inject } from '@nestjs/common';
import { officialOf } from '../shared/request-rules';
import { RecordInspectionCommand } from './record-inspection.command';

export interface InspectionReceipt {
  readonly inspectionId: string;
  readonly findingIds: string[];
}

/**
 * R19.1: a county-level or higher PSB records an inspection of a system (installation scope,
 * operation, maintenance, information security) within its jurisdiction, and the findings it
 * made, each its own finding aggregate, all in one transaction. A camera the registry never
 * held (R8.1: the registry refuses one in a forbidden place) is found this way: the subject is
 * then placed by the division the inspector gives.
 */
@CommandHandler(RecordInspectionCommand)
export class RecordInspectionHandler implements ICommandHandler<RecordInspectionCommand, InspectionReceipt> {
  constructor(
    private readonly findings: Findings,
    @Inject(OVERSIGHT_CLOCK) private readonly now: () => Date,
  ) {}

  async execute({ principal, inspection }: RecordInspectionCommand): Promise<InspectionReceipt> {
    const given = inspection.subject;
    const owner = given.imageSystemId ? await this.findings.ownerOf(given.imageSystemId) : undefined;
    const divisionCode = await this.findings.divisionOf({ imageSystemId: given.imageSystemId, organisationId: owner ?? given.organisationId }) ?? given.divisionCode;
    if (!divisionCode) refuse(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { subject: given }, 'the subject is not placed: name a registered system or give its division'));
    assertMayAct(principal, divisionCode);
    const subject: OversightSubject = {
      ...(given.imageSystemId ? { imageSystemId: given.imageSystemId } : {}),
      ...((owner ?? given.organisationId) ? { organisationId: owner ?? given.organisationId } : {}),
      divisionCode,
    };
    const inspectionId = randomUUID();
    const raisedAt = this.now().toISOString();
    const findings: FindingRaised[] = inspection.findings.map((f) => {
      const penaltyRule = penaltyArticleOf(f.rule);
      return {
        findingId: randomUUID(),
        origin: 'INSPECTION',
        rule: f.rule,
        ...(penaltyRule ? { penaltyRule } : {}),
        subject: { ...subject, ...(f.cameraId ? { cameraId: f.cameraId } : {}) },
        description: f.description,
        evidence: [],
        inspectionId,
        raisedAt,
      };
    });
    const recorded: InspectionRecorded = {
      inspectionId,
      subject,
      areas: inspection.areas,
      inspectedAt: new Date(inspection.inspectedAt).toISOString(),
      inspectedBy: officialOf(principal),
      record: inspection.record,
      findingIds: findings.map((f) => f.findingId),
    };
    const context = { actor: principalToActor(principal), correlationId: currentCorrelationId() ?? randomUUID() };
    const event = (type: string, payload: object) => ({ type, schemaVersion: 1, payload: payload as Record<string, unknown>, ...context });
    await this.findings.record(
        [
          { aggregateId: inspectionAggregateId(inspectionId), expectedVersion: 0, events: [event(OVERSIGHT_INSPECTION_RECORDED, recorded)] },
          ...findings.map((f) => ({ aggregateId: findingAggregateId(f.findingId), expectedVersion: 0, events: [event(OVERSIGHT_FINDING_RAISED, f)] })),
        ],
    );
    return { inspectionId, findingIds: recorded.findingIds };
  }
}
