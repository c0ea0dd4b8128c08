import { Principal } from '@custos/auth';
import { parseDivisionCode } from '@custos/domain';
import { ProjectionRunner, QuarantineReader } from '@custos/eventstore';
import { decodeCursor, Page, pageOf } from '@custos/platform';
import { Pool } from 'pg';
import { custodyErrors } from '../domain/custody.errors';
import { refuse } from '../shared/refusal';

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

/**
 * Reads custody's read models, caught up with the log first, so that a caller sees what
 * their own command just recorded. What a caller may see (R3.1, R5.1, R16.6): the
 * organisations in an item's chain its items, owners their systems' register entries,
 * officers their organ's, oversight everything in its jurisdiction.
 */
export class CustodyReadModels {
  constructor(
    private readonly pool: Pool,
    private readonly runner: ProjectionRunner,
  ) {}

  rebuild(): Promise<number> {
    return this.runner.rebuild();
  }

  /** The projection, as a reader an operator can act on (its quarantine). */
  get quarantineReader(): QuarantineReader {
    return this.runner;
  }

  /**
   * The items in the caller's chain, exported for a request their organ filed, asked of them by
   * a pending transfer, or in their jurisdiction (oversight).
   */
  async evidenceItems(principal: Principal, filter: EvidenceItemFilter = {}): Promise<EvidenceItemView[]> {
    await this.runner.catchUp();
    const { rows } = await this.pool.query(
      `SELECT * FROM custody_evidence_items
       WHERE ($1::text IS NULL OR evidence_item_id = $1)
         AND ($4::text IS NULL OR request_id = $4)
         AND ($2 = ANY(custodians) OR pending_transfer->>'toOrganisationId' = $2
              OR request_id IN (SELECT request_id FROM custody_request_requesters WHERE requesting_organisation_id = $2)
              OR ($3::text IS NOT NULL AND owner_division_code LIKE $3 || '%'))
       ORDER BY updated_at DESC LIMIT 500`,
      [filter.evidenceItemId ?? null, principal.organisationId, this.oversightPrefix(principal), filter.requestId ?? null],
    );
    return rows.map((r) => ({
      evidenceItemId: r.evidence_item_id,
      exportId: r.export_id,
      approvalDocumentNumber: r.approval_document_number,
      requestId: r.request_id,
      kind: r.kind,
      ownerOrganisationId: r.owner_organisation_id,
      holderOrganisationId: r.holder_organisation_id,
      status: r.status,
      packageSha256: r.package_sha256,
      cameraIds: r.camera_ids,
      window: { from: (r.window_from as Date).toISOString(), to: (r.window_to as Date).toISOString() },
      alarm: r.alarm,
      pendingTransfer: r.pending_transfer ?? null,
    }));
  }

  /**
   * One page of the register in the caller's scope, in the log's order, after `cursor` (keyset
   * paging: a page costs the same however deep, and entries recorded meanwhile are not skipped
   * or repeated). `nextCursor` is null on the last page.
   */
  async accessRegisterPage(principal: Principal, page: { limit: number; cursor?: string }): Promise<AccessRegisterPage> {
    await this.runner.catchUp();
    const rows = await this.registerRows(principal, page.cursor === undefined ? undefined : keysetOfCursor(page.cursor), page.limit + 1);
    return pageOf(rows, page.limit, (row) => [Number(row.sequence), row.entry_id], (shown) => shown.map(registerEntryOf));
  }

  /**
   * The whole register in the caller's scope (CSV export), read page by page as it is consumed
   * so that memory stays flat whatever its size. Caught up before the first byte is answered.
   */
  async accessRegisterAll(principal: Principal, batch = REGISTER_PAGE_MAX): Promise<AsyncIterable<AccessRegisterEntry>> {
    await this.runner.catchUp();
    return this.registerFrom(principal, batch);
  }

  private async *registerFrom(principal: Principal, batch: number): AsyncGenerator<AccessRegisterEntry> {
    let after: RegisterKeyset | undefined;
    for (;;) {
      const rows = await this.registerRows(principal, after, batch);
      for (const row of rows) yield registerEntryOf(row);
      if (rows.length < batch) return;
      after = { sequence: String(rows[rows.length - 1].sequence), entryId: rows[rows.length - 1].entry_id };
    }
  }

  /** Owners see their systems' entries, officers their organ's, oversight its jurisdiction's (R16.6, R5.1). */
  private async registerRows(principal: Principal, after: RegisterKeyset | undefined, limit: number): Promise<RegisterRow[]> {
    const owner = principal.roles.includes('OWNER_OPERATOR') ? principal.organisationId : null;
    const officer = principal.roles.includes('OFFICER') ? principal.organisationId : null;
    const { rows } = await this.pool.query<RegisterRow>(
      `SELECT * FROM custody_access_register
       WHERE (owner_organisation_id = $1 OR requesting_organisation_id = $2
          OR ($3::text IS NOT NULL AND (owner_division_code LIKE $3 || '%' OR requesting_division_code LIKE $3 || '%')))
         AND ($4::bigint IS NULL OR (sequence, entry_id) > ($4::bigint, $5::uuid))
       ORDER BY sequence, entry_id LIMIT $6`,
      [owner, officer, this.oversightPrefix(principal), after?.sequence ?? null, after?.entryId ?? null, limit],
    );
    return rows;
  }

  /** The division prefix an oversight body sees, or null for anyone else. */
  private oversightPrefix(principal: Principal): string | null {
    if (!principal.roles.includes('OVERSIGHT')) return null;
    const division = parseDivisionCode(principal.divisionCode);
    return division.ok ? division.value.prefix : null;
  }
}

/** A JSON page of the register holds at most this many entries (R16.6). */
export const REGISTER_PAGE_MAX = 500;
export const REGISTER_PAGE_DEFAULT = 100;

export type AccessRegisterPage = Page<AccessRegisterEntry>;

interface RegisterRow {
  entry_id: string;
  sequence: string;
  at: Date;
  access_kind: string;
  evidence_item_id: string;
  requesting_organisation_id: string;
  persons: { personId: string; credentialNumber: string }[];
  purpose: string;
  approval_document_number: string | null;
  owner_organisation_id: string;
  camera_ids: string[];
  ended_at: Date | null;
  end_reason: string | null;
  bytes: string | null;
  sha256: string | null;
  viewing_session_id: string | null;
}

/** Where a page ends: the log position of its last entry (sequence, then entry id: one event may register several). */
interface RegisterKeyset {
  readonly sequence: string;
  readonly entryId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function keysetOfCursor(cursor: string): RegisterKeyset {
  const [sequence, entryId] = decodeCursor(cursor, ['number', 'string'])!;
  if (!Number.isSafeInteger(sequence) || !UUID.test(String(entryId))) refuse(custodyErrors.registerCursorInvalid(cursor));
  return { sequence: String(sequence), entryId: String(entryId) };
}

function registerEntryOf(r: RegisterRow): AccessRegisterEntry {
  return {
    entryId: r.entry_id,
    at: r.at.toISOString(),
    accessKind: r.access_kind,
    evidenceItemId: r.evidence_item_id,
    requestingOrganisationId: r.requesting_organisation_id,
    persons: r.persons,
    purpose: r.purpose,
    approvalDocumentNumber: r.approval_document_number,
    ownerOrganisationId: r.owner_organisation_id,
    cameraIds: r.camera_ids,
    endedAt: r.ended_at ? r.ended_at.toISOString() : null,
    endReason: r.end_reason ?? null,
    bytes: r.bytes === null || r.bytes === undefined ? null : Number(r.bytes),
    sha256: r.sha256 ?? null,
    viewingSessionId: r.viewing_session_id ?? null,
  };
}
