import {
  CUSTODY_EVIDENCE_ITEM_OPENED,
  CUSTODY_HAND_OVER_INITIATED,
  CUSTODY_HAND_OVER_REFUSED,
  CUSTODY_HANDED_OVER,
  CUSTODY_INTEGRITY_MISMATCH_DETECTED,
  CUSTODY_PACKAGE_DELIVERED,
  CUSTODY_PACKAGE_DELIVERY_INTERRUPTED,
  CUSTODY_PACKAGE_DELIVERY_STARTED,
  CUSTODY_RECEIVED,
  CUSTODY_TRANSFER_ACKNOWLEDGED,
  CUSTODY_TRANSFER_ATTESTED,
  CUSTODY_TRANSFER_CANCELLED,
  CUSTODY_TRANSFER_REQUESTED,
  CUSTODY_VERIFIED,
  CUSTODY_VIEWED,
  EventEnvelope,
  EventType,
  IntegrityChecked,
  PayloadOf,
  TransferAcknowledged,
} from '@custos/contracts';
import { handlesType } from '@custos/eventstore';
import { CustodyTimelineStepDto, TimelineOfficerDto } from './evidence-items.response.dto';

type Step = CustodyTimelineStepDto;

const officer = (o: { personId: string; organisationId: string; credentialNumber?: string }): TimelineOfficerDto => ({
  personId: o.personId,
  organisationId: o.organisationId,
  ...(o.credentialNumber ? { credentialNumber: o.credentialNumber } : {}),
});

function checked(step: Step['step'], p: IntegrityChecked): Step {
  return { at: p.at, step, officers: [officer(p.officer)], organisationId: p.officer.organisationId, match: p.match, ...(p.failedCopy ? { failedCopy: p.failedCopy } : {}) };
}

/** How one event type reads as steps of the chain: its payload typed as the contracts declare it. */
type StepsOf = { readonly [T in EventType]?: (p: PayloadOf<T>, event: EventEnvelope) => Step[] };

function transferChecked(step: Step['step'], p: TransferAcknowledged): Step[] {
  const who = (p.officers ?? [p.officer]).map(officer);
  return [{ ...checked(step, p), officers: who, organisationId: p.fromOrganisationId, toOrganisationId: p.toOrganisationId }];
}

const STEPS: StepsOf = {
  [CUSTODY_EVIDENCE_ITEM_OPENED]: (p, event) => {
    const exporter = event.actor.personId ? [officer({ personId: event.actor.personId, organisationId: p.ownerOrganisationId })] : [];
    return [{ at: p.exportedAt, step: 'EXPORTED', officers: exporter, organisationId: p.ownerOrganisationId }];
  },
  [CUSTODY_HAND_OVER_INITIATED]: (p) => [
    { at: p.initiatedAt, step: 'HAND_OVER_INITIATED', officers: [officer(p.officer)], organisationId: p.receivingOrganisationId, purpose: p.purpose, handOverId: p.handOverId },
  ],
  [CUSTODY_HANDED_OVER]: (p) => {
    const by = { organisationId: p.fromOrganisationId, toOrganisationId: p.receivingOrganisationId };
    return [{ at: p.handedOverAt, step: 'HANDED_OVER', officers: p.officers.map(officer), ...by, purpose: p.purpose, handOverId: p.handOverId }];
  },
  [CUSTODY_RECEIVED]: (p) => [checked('RECEIVED', p)],
  [CUSTODY_VERIFIED]: (p) => [checked('VERIFIED', p)],
  [CUSTODY_INTEGRITY_MISMATCH_DETECTED]: (p) => {
    const who = [officer({ personId: p.personId, organisationId: p.organisationId })];
    return [{ at: p.detectedAt, step: 'INTEGRITY_MISMATCH', officers: who, organisationId: p.organisationId, match: false, ...(p.copy ? { failedCopy: p.copy } : {}) }];
  },
  [CUSTODY_TRANSFER_REQUESTED]: (p) => {
    const by = { organisationId: p.fromOrganisationId, toOrganisationId: p.toOrganisationId };
    return [{ at: p.requestedAt, step: 'TRANSFER_REQUESTED', officers: [officer(p.requestedBy)], ...by, purpose: p.purpose }];
  },
  [CUSTODY_TRANSFER_ATTESTED]: (p) => transferChecked('TRANSFER_ATTESTED', p),
  [CUSTODY_TRANSFER_ACKNOWLEDGED]: (p) => transferChecked('TRANSFERRED', p),
  [CUSTODY_TRANSFER_CANCELLED]: (p) => [
    { at: p.at, step: 'TRANSFER_CANCELLED', officers: [officer(p.cancelledBy)], organisationId: p.cancelledBy.organisationId, toOrganisationId: p.toOrganisationId, reason: p.reason },
  ],
  [CUSTODY_VIEWED]: (p) => [{ at: p.viewedAt, step: 'VIEWED', officers: p.officers.map(officer), organisationId: p.organisationId, purpose: p.purpose }],
  [CUSTODY_PACKAGE_DELIVERY_STARTED]: (p) => [
    { at: p.at, step: 'DELIVERY_STARTED', officers: [officer(p.requestedBy)], organisationId: p.receivingOrganisationId },
  ],
  [CUSTODY_PACKAGE_DELIVERED]: (p) => [
    { at: p.at, step: 'DELIVERED', officers: [officer(p.requestedBy)], organisationId: p.requestedBy.organisationId, bytes: p.bytes, match: p.match },
  ],
  [CUSTODY_PACKAGE_DELIVERY_INTERRUPTED]: (p) => [
    { at: p.at, step: 'DELIVERY_INTERRUPTED', officers: [officer(p.requestedBy)], organisationId: p.requestedBy.organisationId, bytes: p.bytes, reason: p.reason },
  ],
  [CUSTODY_HAND_OVER_REFUSED]: (p) => {
    const refusal = { refusedStep: p.step, code: p.code, rule: p.rule, reason: p.reason };
    return [{ at: p.at, step: 'REFUSED', officers: p.officers.map(officer), organisationId: p.officers[0].organisationId, ...refusal }];
  },
};

/** The steps of one event; none for a type that is no step of the chain. */
function stepsOf(event: EventEnvelope): Step[] {
  if (!handlesType(STEPS, event.type)) return [];
  // The store decoded the payload against its type's class (see `dispatchEvent`).
  const read = (STEPS as Readonly<Record<string, (p: object, e: EventEnvelope) => Step[]>>)[event.type];
  return read(event.payload, event);
}

/**
 * The steps of a package's chain of custody from the events of its item and of its refusals
 * stream, as custody recorded them (R16.6, R18.1, R18.5). Events that are no step of the chain
 * (a later schema's) are left out rather than guessed at.
 */
export function custodyTimelineSteps(events: readonly EventEnvelope[]): Step[] {
  // In the order recorded, so that steps of one instant (a refusal between two steps) keep it.
  const steps = [...events].sort((a, b) => a.sequence - b.sequence).flatMap(stepsOf);
  return steps
    .map((s, i) => [{ ...s, at: new Date(s.at).toISOString() }, i] as const)
    .sort(([a, i], [b, j]) => a.at.localeCompare(b.at) || i - j)
    .map(([s]) => s);
}
