import { Principal } from '@custos/auth';
import { ProjectionRunner } from '@custos/eventstore';
import { Page, PageRequestDto } from '@custos/platform';
import { Pool } from 'pg';
import { keysetPage, rowsWhere, sessionList, sessionScopeParams } from '../../shared/keyset-page';

export interface DirectAccessSessionView {
  readonly sessionId: string;
  readonly requestId: string;
  readonly approvalDocumentNumber: string;
  readonly status: 'OPEN' | 'ENDED';
  readonly requestingOrganisationId: string;
  readonly ownerOrganisationIds: readonly string[];
  readonly officers: readonly { personId: string; credentialNumber: string }[];
  readonly caseReference: string;
  readonly purpose: string;
  readonly cameraIds: readonly string[];
  readonly grant: { readonly from: string; readonly to: string };
  readonly openedAt: string;
  readonly expiresAt: string;
  readonly accessStartedAt: string | null;
  readonly endReason: string | null;
  readonly endedAt: string | null;
}

const iso = (d: Date): string => d.toISOString();

/** The sessions a caller sees: the granted organ's officers, the granted systems' owners, oversight in its jurisdiction. */
function sessionScope(principal: Principal): { where: string; params: unknown[] } {
  return {
    where: `($1::text = ANY(owner_organisation_ids) OR requesting_organisation_id = $2
             OR ($3::text IS NOT NULL AND requesting_division_code LIKE $3 || '%'))`,
    params: sessionScopeParams(principal),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of custody_direct_access_sessions
function sessionViewOf(r: any): DirectAccessSessionView {
  return {
    sessionId: r.session_id,
    requestId: r.request_id,
    approvalDocumentNumber: r.approval_document_number,
    status: r.status,
    requestingOrganisationId: r.requesting_organisation_id,
    ownerOrganisationIds: r.owner_organisation_ids,
    officers: r.officers,
    caseReference: r.case_reference,
    purpose: r.purpose,
    cameraIds: r.camera_ids,
    grant: { from: iso(r.grant_from), to: iso(r.grant_to) },
    openedAt: iso(r.opened_at),
    expiresAt: iso(r.expires_at),
    accessStartedAt: r.access_started_at ? iso(r.access_started_at) : null,
    endReason: r.end_reason,
    endedAt: r.ended_at ? iso(r.ended_at) : null,
  };
}

/**
 * The direct-access sessions' read model, caught up with custody's log first. Who sees a
 * session (R3.1, R5.1): the granted organ's officers, the owners of the granted systems,
 * oversight within its jurisdiction.
 */
export class DirectAccessReadModels {
  constructor(
    private readonly pool: Pool,
    private readonly runner: ProjectionRunner,
  ) {}

  async sessions(principal: Principal, sessionId: string): Promise<DirectAccessSessionView[]> {
    await this.runner.catchUp();
    return rowsWhere(this.pool, sessionList('custody_direct_access_sessions', sessionScope(principal)), 'session_id', sessionId, sessionViewOf);
  }

  /** A page of the sessions the caller sees, newest first (by when each opened, then its id). */
  async sessionsPage(principal: Principal, paging: PageRequestDto): Promise<Page<DirectAccessSessionView>> {
    await this.runner.catchUp();
    return keysetPage(this.pool, sessionList('custody_direct_access_sessions', sessionScope(principal)), paging, sessionViewOf);
  }

  async openSessionsOfRequest(requestId: string): Promise<string[]> {
    await this.runner.catchUp();
    const { rows } = await this.pool.query(
      `SELECT session_id FROM custody_direct_access_sessions WHERE request_id = $1 AND status = 'OPEN'`,
      [requestId],
    );
    return rows.map((r) => r.session_id as string);
  }

  async dueForExpiry(now: Date, limit = 500): Promise<string[]> {
    await this.runner.catchUp();
    const { rows } = await this.pool.query(
      `SELECT session_id FROM custody_direct_access_sessions WHERE status = 'OPEN' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.session_id as string);
  }
}
