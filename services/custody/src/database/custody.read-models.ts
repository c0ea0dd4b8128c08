import { Principal } from '@custos/auth';
import { err, ok, Result } from '@custos/domain';
import { oversightPrefix } from '../domain/oversight-scope';
import { ProjectionRunner, QuarantineReader } from '@custos/eventstore';
import { decodeCursor, Page, pageOf, PageRequestDto } from '@custos/platform';
import { Pool } from 'pg';
import { custodyErrors } from '../domain/custody.errors';
import { keysetPage, KeysetList } from '../shared/keyset-page';
import {
  AccessRegisterEntry,
  AccessRegisterPage,
  CustodyViews,
  EvidenceItemFilter,
  EvidenceItemView,
  REGISTER_PAGE_MAX,
} from '../queries/custody-views.port';

export type { AccessRegisterEntry, AccessRegisterPage, EvidenceItemFilter, EvidenceItemView, PendingTransferView } from '../queries/custody-views.port';
export { REGISTER_PAGE_DEFAULT, REGISTER_PAGE_MAX } from '../queries/custody-views.port';

/**
 * Reads custody's read models, caught up with the log first, so that a caller sees what
 * their own command just recorded. What a caller may see (R3.1, R5.1, R16.6): the
 * organisations in an item's chain its items, owners their systems' register entries,
 * officers their organ's, oversight everything in its jurisdiction.
 */
export class CustodyReadModels implements CustodyViews {
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
   * a pending transfer, or in their jurisdiction (oversight); newest first.
   */
  async evidenceItems(principal: Principal, filter: EvidenceItemFilter = {}): Promise<EvidenceItemView[]> {
    await this.runner.catchUp();
    const list = itemList(principal, filter);
    const { rows } = await this.pool.query(`${list.select} WHERE ${list.where.join(' AND ')} ORDER BY opened_at DESC, evidence_item_id DESC`, [...list.params]);
    return rows.map(itemViewOf);
  }

  /** A page of them, newest first (by when each was opened, then its id). */
  async evidenceItemsPage(principal: Principal, filter: EvidenceItemFilter, paging: PageRequestDto): Promise<Page<EvidenceItemView>> {
    await this.runner.catchUp();
    return keysetPage(this.pool, itemList(principal, filter), paging, itemViewOf);
  }

  /**
   * One page of the register in the caller's scope, in the log's order, after `cursor` (keyset
   * paging: a page costs the same however deep, and entries recorded meanwhile are not skipped
   * or repeated). `nextCursor` is null on the last page.
   */
  async accessRegisterPage(principal: Principal, page: { limit: number; cursor?: string }): Promise<Result<AccessRegisterPage>> {
    const after = page.cursor === undefined ? undefined : keysetOfCursor(page.cursor);
    if (after === null) return err(custodyErrors.registerCursorInvalid(page.cursor!));
    await this.runner.catchUp();
    const rows = await this.registerRows(principal, after, page.limit + 1);
    return ok(pageOf(rows, page.limit, (row) => [Number(row.sequence), row.entry_id], (shown) => shown.map(registerEntryOf)));
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
      [owner, officer, oversightPrefix(principal), after?.sequence ?? null, after?.entryId ?? null, limit],
    );
    return rows;
  }

}

/** The items a caller sees, narrowed by `filter`, in the order of their opening. */
function itemList(principal: Principal, filter: EvidenceItemFilter): KeysetList {
  return {
    select: 'SELECT * FROM custody_evidence_items',
    where: [
      `($1::text IS NULL OR evidence_item_id = $1)`,
      `($4::text IS NULL OR request_id = $4)`,
      `($2 = ANY(custodians) OR pending_transfer->>'toOrganisationId' = $2
        OR request_id IN (SELECT request_id FROM custody_request_requesters WHERE requesting_organisation_id = $2)
        OR ($3::text IS NOT NULL AND owner_division_code LIKE $3 || '%'))`,
    ],
    params: [filter.evidenceItemId ?? null, principal.organisationId, oversightPrefix(principal), filter.requestId ?? null],
    order: [
      { column: 'opened_at', kind: 'date-time' },
      { column: 'evidence_item_id', kind: 'string' },
    ],
    descending: true,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of custody_evidence_items
function itemViewOf(r: any): EvidenceItemView {
  return {
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
  };
}

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

/** The keyset a cursor this register gave out stands for; null for any other (the shared decoder refuses non-cursors). */
function keysetOfCursor(cursor: string): RegisterKeyset | null {
  const [sequence, entryId] = decodeCursor(cursor, ['number', 'string'])!;
  return Number.isSafeInteger(sequence) && UUID.test(String(entryId)) ? { sequence: String(sequence), entryId: String(entryId) } : null;
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
