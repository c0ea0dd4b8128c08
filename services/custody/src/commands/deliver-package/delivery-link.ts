import { randomUUID } from 'node:crypto';
import { CustodyOfficer } from '@custos/contracts';
import { ApprovalDocument, DomainError, err, ok, Result } from '@custos/domain';
import { CommandContext, inTransaction, retryOnConflict } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';
import { ApprovalTrust, currentCorrelationId } from '@custos/platform';
import { DeliveredItems } from './delivery.ports';
import { verifyApprovalFor } from '../package-approval';
import { custodyErrors } from '../../domain/custody.errors';
import { EvidenceItem } from '../../domain/evidence-item.aggregate';
import type { CustodyModuleOptions } from '../../custody.options';
import { LinkClaims, linkErrors } from '../../shared/signed-link';

/** What a delivery link grants, and to whom (R18.5). Readable by its holder: nothing secret in it. */
export interface DeliveryLinkClaims {
  /** Tells a delivery link from any other link custody signs (a playback link delivers nothing). */
  readonly use: 'delivery';
  readonly linkId: string;
  readonly evidenceItemId: string;
  readonly approvalDocumentNumber: string;
  /** The signed id of the document: the link is bound to it, not to the number alone. */
  readonly approvalDocumentId?: string;
  /** The two officers the package was handed over to. */
  readonly officers: readonly { personId: string; credentialNumber: string }[];
  /** Which of them asked for the link. */
  readonly requestedBy: CustodyOfficer;
}

export const DEFAULT_DELIVERY_LINK_TTL_MS = 5 * 60_000;
/** How often a running delivery tells it is alive; the sweeper waits several beats before ending it. */
export const DEFAULT_DELIVERY_HEARTBEAT_MS = 10_000;
export const DEFAULT_DELIVERY_STALE_MS = 60_000;
/** The longest a delivery link may live, whatever the configuration says. */
export const MAX_DELIVERY_LINK_TTL_MS = 10 * 60_000;

export function deliveryLinkTtlOf(options: CustodyModuleOptions): number {
  return Math.min(options.deliveryLinkTtlMs ?? DEFAULT_DELIVERY_LINK_TTL_MS, MAX_DELIVERY_LINK_TTL_MS);
}

const isString = (value: unknown): value is string => typeof value === 'string';

function isOfficerRef(value: unknown): value is { personId: string; credentialNumber: string } {
  return typeof value === 'object' && value !== null && 'personId' in value && isString(value.personId) && 'credentialNumber' in value && isString(value.credentialNumber);
}

function isCustodyOfficer(value: unknown): value is CustodyOfficer {
  return isOfficerRef(value) && 'subject' in value && isString(value.subject) && 'organisationId' in value && isString(value.organisationId);
}

/** The claims of a verified link, if it is a delivery link; any other genuine link is refused as invalid. */
export function deliveryClaimsOf(claims: LinkClaims): Result<DeliveryLinkClaims> {
  const { use, linkId, evidenceItemId, approvalDocumentNumber, approvalDocumentId, officers, requestedBy } = claims;
  const wellFormed =
    use === 'delivery' &&
    isString(linkId) &&
    isString(evidenceItemId) &&
    isString(approvalDocumentNumber) &&
    (approvalDocumentId === undefined || isString(approvalDocumentId)) &&
    Array.isArray(officers) &&
    officers.every(isOfficerRef) &&
    isCustodyOfficer(requestedBy);
  if (!wellFormed) return err(linkErrors.invalid('the link is not a delivery link'));
  return ok({ use, linkId, evidenceItemId, approvalDocumentNumber, ...(approvalDocumentId === undefined ? {} : { approvalDocumentId }), officers, requestedBy });
}

/**
 * The approval document the package was released on, verified again now (R18.5): a document
 * revoked or expired since the hand-over releases nothing more.
 */
export async function verifyReleasedApproval(trust: ApprovalTrust, item: EvidenceItem, at: Date): Promise<Result<ApprovalDocument>> {
  if (!item.releasedApproval) return err(custodyErrors.notHandedOver(item.evidenceItemId, item.status));
  return verifyApprovalFor(trust, item.releasedApproval, item, at);
}

/** Events of a delivery are caused by the link's holder: the officer who asked for it. */
export function deliveryContextOf(requestedBy: CustodyOfficer): CommandContext {
  return {
    actor: { subject: requestedBy.subject, personId: requestedBy.personId, organisationId: requestedBy.organisationId, roles: ['OFFICER'] },
    correlationId: currentCorrelationId() ?? randomUUID(),
  };
}

const MAX_ATTEMPTS = 5;

/** Carries a refusal out of the transaction it must roll back; never leaves this module. */
class RolledBack extends Error {
  constructor(readonly refusal: DomainError) {
    super(refusal.code);
  }
}

/**
 * Records a delivery's fact on the item's stream, together with `alongside` (the delivery's
 * lease row) in one transaction. A download can take long, and officers may act on the item
 * meanwhile; the fact is then decided again on the item as it now stands rather than lost to
 * the version check. A refusal (an unknown item, the decision's, the lease's) is answered as
 * the result, and rolls the transaction back: `alongside` may already have written.
 */
export async function recordOnItem(
  pool: Pool,
  items: DeliveredItems,
  evidenceItemId: string,
  context: CommandContext,
  decide: (item: EvidenceItem) => Result<void>,
  alongside: (tx: PoolClient) => Promise<Result<void> | void> = async () => undefined,
): Promise<Result<void>> {
  const refusedWith = (refusal: DomainError): never => {
    throw new RolledBack(refusal);
  };
  try {
    return await retryOnConflict(
      () =>
        inTransaction(pool, async (tx) => {
          const item = await items.load(evidenceItemId, tx);
          if (!item) return refusedWith(custodyErrors.evidenceItemNotFound(evidenceItemId));
          const decided = decide(item);
          if (!decided.ok) return refusedWith(decided.error);
          const beside = await alongside(tx);
          if (beside && !beside.ok) return refusedWith(beside.error);
          await items.save(item, context, tx);
          return ok();
        }),
      MAX_ATTEMPTS,
    );
  } catch (error) {
    if (error instanceof RolledBack) return err(error.refusal);
    throw error;
  }
}
