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
  EvidenceItemOpened,
  HandedOver,
  HandOverInitiated,
  HandOverRefused,
  IntegrityChecked,
  IntegrityMismatchDetected,
  PackageDelivered,
  PackageDeliveryInterrupted,
  PackageDeliveryStarted,
  TransferAcknowledged,
  TransferCancelled,
  TransferRequested,
  Viewed,
} from '@custos/contracts';
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

/**
 * The steps of a package's chain of custody from the events of its item and of its refusals
 * stream, as custody recorded them (R16.6, R18.1, R18.5). Events that are no step of the chain
 * (a later schema's) are left out rather than guessed at.
 */
export function custodyTimelineSteps(events: readonly EventEnvelope[]): Step[] {
  // In the order recorded, so that steps of one instant (a refusal between two steps) keep it.
  const steps = [...events].sort((a, b) => a.sequence - b.sequence).flatMap((event): Step[] => {
    switch (event.type) {
      case CUSTODY_EVIDENCE_ITEM_OPENED: {
        const p = event.payload as unknown as EvidenceItemOpened;
        const exporter = event.actor.personId ? [officer({ personId: event.actor.personId, organisationId: p.ownerOrganisationId })] : [];
        return [{ at: p.exportedAt, step: 'EXPORTED', officers: exporter, organisationId: p.ownerOrganisationId }];
      }
      case CUSTODY_HAND_OVER_INITIATED: {
        const p = event.payload as unknown as HandOverInitiated;
        return [{ at: p.initiatedAt, step: 'HAND_OVER_INITIATED', officers: [officer(p.officer)], organisationId: p.receivingOrganisationId, purpose: p.purpose, handOverId: p.handOverId }];
      }
      case CUSTODY_HANDED_OVER: {
        const p = event.payload as unknown as HandedOver;
        const by = { organisationId: p.fromOrganisationId, toOrganisationId: p.receivingOrganisationId };
        return [{ at: p.handedOverAt, step: 'HANDED_OVER', officers: p.officers.map(officer), ...by, purpose: p.purpose, handOverId: p.handOverId }];
      }
      case CUSTODY_RECEIVED:
        return [checked('RECEIVED', event.payload as unknown as IntegrityChecked)];
      case CUSTODY_VERIFIED:
        return [checked('VERIFIED', event.payload as unknown as IntegrityChecked)];
      case CUSTODY_INTEGRITY_MISMATCH_DETECTED: {
        const p = event.payload as unknown as IntegrityMismatchDetected;
        const who = [officer({ personId: p.personId, organisationId: p.organisationId })];
        return [{ at: p.detectedAt, step: 'INTEGRITY_MISMATCH', officers: who, organisationId: p.organisationId, match: false, ...(p.copy ? { failedCopy: p.copy } : {}) }];
      }
      case CUSTODY_TRANSFER_REQUESTED: {
        const p = event.payload as unknown as TransferRequested;
        const by = { organisationId: p.fromOrganisationId, toOrganisationId: p.toOrganisationId };
        return [{ at: p.requestedAt, step: 'TRANSFER_REQUESTED', officers: [officer(p.requestedBy)], ...by, purpose: p.purpose }];
      }
      case CUSTODY_TRANSFER_ATTESTED:
      case CUSTODY_TRANSFER_ACKNOWLEDGED: {
        const p = event.payload as unknown as TransferAcknowledged;
        const step = event.type === CUSTODY_TRANSFER_ATTESTED ? 'TRANSFER_ATTESTED' : 'TRANSFERRED';
        const who = (p.officers ?? [p.officer]).map(officer);
        return [{ ...checked(step, p), officers: who, organisationId: p.fromOrganisationId, toOrganisationId: p.toOrganisationId }];
      }
      case CUSTODY_TRANSFER_CANCELLED: {
        const p = event.payload as unknown as TransferCancelled;
        return [{ at: p.at, step: 'TRANSFER_CANCELLED', officers: [officer(p.cancelledBy)], organisationId: p.cancelledBy.organisationId, toOrganisationId: p.toOrganisationId, reason: p.reason }];
      }
      case CUSTODY_VIEWED: {
        const p = event.payload as unknown as Viewed;
        return [{ at: p.viewedAt, step: 'VIEWED', officers: p.officers.map(officer), organisationId: p.organisationId, purpose: p.purpose }];
      }
      case CUSTODY_PACKAGE_DELIVERY_STARTED: {
        const p = event.payload as unknown as PackageDeliveryStarted;
        return [{ at: p.at, step: 'DELIVERY_STARTED', officers: [officer(p.requestedBy)], organisationId: p.receivingOrganisationId }];
      }
      case CUSTODY_PACKAGE_DELIVERED: {
        const p = event.payload as unknown as PackageDelivered;
        return [{ at: p.at, step: 'DELIVERED', officers: [officer(p.requestedBy)], organisationId: p.requestedBy.organisationId, bytes: p.bytes, match: p.match }];
      }
      case CUSTODY_PACKAGE_DELIVERY_INTERRUPTED: {
        const p = event.payload as unknown as PackageDeliveryInterrupted;
        return [{ at: p.at, step: 'DELIVERY_INTERRUPTED', officers: [officer(p.requestedBy)], organisationId: p.requestedBy.organisationId, bytes: p.bytes, reason: p.reason }];
      }
      case CUSTODY_HAND_OVER_REFUSED: {
        const p = event.payload as unknown as HandOverRefused;
        const refusal = { refusedStep: p.step, code: p.code, rule: p.rule, reason: p.reason };
        return [{ at: p.at, step: 'REFUSED', officers: p.officers.map(officer), organisationId: p.officers[0].organisationId, ...refusal }];
      }
      default:
        return [];
    }
  });
  return steps
    .map((s, i) => [{ ...s, at: new Date(s.at).toISOString() }, i] as const)
    .sort(([a, i], [b, j]) => a.at.localeCompare(b.at) || i - j)
    .map(([s]) => s);
}
