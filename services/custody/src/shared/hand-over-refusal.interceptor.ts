import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal } from '@custos/auth';
import { CUSTODY_HAND_OVER_REFUSED, handOverRefusalsAggregateId, HandOverRefused, PresentedOfficer, RefusalFacts } from '@custos/contracts';
import { CommandContext, EventStore } from '@custos/eventstore';
import { refusalStepDecorator, RefusalRecordingInterceptor, RefusedCall } from '@custos/platform';
import { EvidenceItemRepository } from '../database/evidence-item.repository';
import { EvidenceItem } from '../domain/evidence-item.aggregate';
import { DEFAULT_RULE_PACK_CONFIG } from '@custos/domain';
import { OfficerDirectory } from '../domain/officer-directory.port';
import type { CustodyModuleOptions } from '../custody.options';
import { Clock, CUSTODY_CLOCK, CUSTODY_OPTIONS, OFFICER_DIRECTORY } from '../custody.tokens';
import { commandContextOf } from '../commands/command-context';
import { rulePackFieldOfItem } from '../commands/rule-pack-of-item';

type HandOverStep = HandOverRefused['step'];
const HAND_OVER_STEP = 'custody.handOverStep';

/** Marks a controller whose refusals are hand-over refusals to record (R18.5). */
export const RecordsHandOverRefusals = refusalStepDecorator<HandOverStep>(HAND_OVER_STEP);

interface RefusedRequest extends RefusedCall {
  readonly body?: { approval?: { document?: { number?: unknown } } };
}

/**
 * Leaves a trace of every refused hand-over step (R18.1, R18.2, R18.5, R17.5): a coded refusal
 * of an existing item's hand-over, confirmation or receipt is recorded as
 * `custody.HandOverRefused` on the item's refusals stream, and then answered as it was. It
 * sits before the fee check so that a refused fee is recorded too. Malformed requests (400
 * validation) and unknown items are not hand-over attempts and leave no such trace.
 */
@Injectable()
export class HandOverRefusalInterceptor extends RefusalRecordingInterceptor<HandOverStep> {
  constructor(
    reflector: Reflector,
    private readonly items: EvidenceItemRepository,
    @Inject(CUSTODY_CLOCK) clock: Clock,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {
    super(reflector, HAND_OVER_STEP, clock);
  }

  protected async record(step: HandOverStep, request: RefusedRequest, facts: RefusalFacts, principal: Principal): Promise<void> {
    const evidenceItemId = request.params?.evidenceItemId;
    if (!evidenceItemId) return;
    const item = await this.items.load(evidenceItemId);
    if (!item) return;
    const { code, rule, reason, at } = facts;
    const attempt = attemptOf(step, item, request);
    const payload: HandOverRefused = {
      evidenceItemId,
      step,
      ...(attempt.handOverId ? { handOverId: attempt.handOverId } : {}),
      code,
      rule,
      reason,
      officers: [...attempt.otherOfficers, facts.actor],
      ...(attempt.approvalDocumentNumber ? { approvalDocumentNumber: attempt.approvalDocumentNumber } : {}),
      at,
      // The text the refusal was made under (issue 21): the rule's own pack, else the place's at the attempt.
      ...(facts.rulePack
        ? { rulePack: facts.rulePack }
        : await rulePackFieldOfItem(this.officers, item, principal.divisionCode, new Date(at), this.options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG)),
    };
    await appendHandOverRefusal(this.items.store, payload, commandContextOf(principal));
  }
}

/** Records a refused step of the item's hand-over or delivery on its refusals stream (R18.5). */
export async function appendHandOverRefusal(store: EventStore, payload: HandOverRefused, context: CommandContext): Promise<void> {
  await store.append({
    aggregateId: handOverRefusalsAggregateId(payload.evidenceItemId),
    expectedVersion: 'any',
    events: [{ type: CUSTODY_HAND_OVER_REFUSED, schemaVersion: 1, payload: { ...payload }, actor: context.actor, correlationId: context.correlationId }],
  });
}

/** What the refused step was about, as far as the item and the request tell. */
function attemptOf(
  step: HandOverStep,
  item: EvidenceItem,
  request: RefusedRequest,
): { handOverId?: string; approvalDocumentNumber?: string; otherOfficers: PresentedOfficer[] } {
  if (step === 'INITIATE') {
    const presented = request.body?.approval?.document?.number;
    return { approvalDocumentNumber: typeof presented === 'string' ? presented.slice(0, 40) : undefined, otherOfficers: [] };
  }
  const pending = item.pendingHandOver;
  if (step === 'CONFIRM') {
    const handOverId = request.params?.handOverId;
    // The first officer and the document are those of the hand-over being confirmed, if it is the pending one.
    if (pending === undefined || pending.handOverId !== handOverId) return { handOverId, otherOfficers: [] };
    return { handOverId, approvalDocumentNumber: pending.approvalDocumentNumber, otherOfficers: [pending.officer] };
  }
  const handOver = item.handOver ?? pending;
  return { handOverId: handOver?.handOverId, approvalDocumentNumber: handOver?.approvalDocumentNumber, otherOfficers: [] };
}
