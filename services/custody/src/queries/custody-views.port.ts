import type { Page, PageRequestDto } from '@custos/platform';
import { Principal } from '@custos/auth';
import { Result } from '@custos/domain';

/*
 * What custody's queries read, as they need it: the read models implement it and the module
 * binds it, so that no query reaches into the database. Each read is caught up with the log
 * first, so that a caller sees what their own command just recorded.
 */

export interface EvidenceItemView {
  readonly evidenceItemId: string;
  readonly exportId: string;
  readonly approvalDocumentNumber: string;
  readonly requestId: string;
  readonly kind: string;
  readonly ownerOrganisationId: string;
  readonly holderOrganisationId: string;
  readonly status: string;
  readonly packageSha256: string;
  readonly cameraIds: readonly string[];
  readonly window: { readonly from: string; readonly to: string };
  readonly alarm: boolean;
  /** The transfer awaiting acknowledgement, if any: its target's officers see the item by it. */
  readonly pendingTransfer: PendingTransferView | null;
}

export interface PendingTransferView {
  readonly transferId: string;
  readonly toOrganisationId: string;
  readonly toPersonId: string | null;
  readonly purpose: string;
  readonly requestedAt: string;
  /** The first target officer who attested; a second, distinct one completes the transfer. */
  readonly attestedBy: string | null;
}

/** Narrows a list of evidence items. */
export interface EvidenceItemFilter {
  readonly evidenceItemId?: string;
  readonly requestId?: string;
}

export interface AccessRegisterEntry {
  readonly entryId: string;
  readonly at: string;
  readonly accessKind: string;
  readonly evidenceItemId: string;
  readonly requestingOrganisationId: string;
  readonly persons: readonly { personId: string; credentialNumber: string }[];
  readonly purpose: string;
  readonly approvalDocumentNumber: string | null;
  readonly ownerOrganisationId: string;
  readonly cameraIds: readonly string[];
  /** When an access that lasts (a viewing session, a delivery) ended, and how; null while it lasts. */
  readonly endedAt: string | null;
  readonly endReason: string | null;
  /** A delivery's bytes sent and, when whole, their SHA-256 (R18.5); null for other accesses. */
  readonly bytes: number | null;
  readonly sha256: string | null;
  /** The viewing session of a VIEW of live footage (R18.1–R18.3); null for other accesses. */
  readonly viewingSessionId: string | null;
}

/** A JSON page of the register holds at most this many entries (R16.6). */
export const REGISTER_PAGE_MAX = 500;
export const REGISTER_PAGE_DEFAULT = 100;

/** One page (`items`, `nextCursor`), the shape of every list (issue 15). */
export type AccessRegisterPage = Page<AccessRegisterEntry>;

/** Evidence items and the access register, as the caller may see them (R3.1, R5.1, R16.6). */
export abstract class CustodyViews {
  abstract evidenceItems(principal: Principal, filter?: EvidenceItemFilter): Promise<EvidenceItemView[]>;
  /** A page of them, newest first (issue 15); a cursor this list did not give out is refused. */
  abstract evidenceItemsPage(principal: Principal, filter: EvidenceItemFilter, paging: PageRequestDto): Promise<Page<EvidenceItemView>>;
  /** A page of the register; a cursor this register did not give out is refused. */
  abstract accessRegisterPage(principal: Principal, page: { limit: number; cursor?: string }): Promise<Result<AccessRegisterPage>>;
  abstract accessRegisterAll(principal: Principal): Promise<AsyncIterable<AccessRegisterEntry>>;
}
