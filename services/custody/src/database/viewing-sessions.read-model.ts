import { Principal } from '@custos/auth';
import { ProjectionRunner } from '@custos/eventstore';
import { Page, PageRequestDto } from '@custos/platform';
import { Pool } from 'pg';
import { keysetPage, rowsWhere, sessionList, sessionScopeParams } from '../shared/keyset-page';
import { ViewingSessionSchedule } from '../commands/viewing-sessions/viewing-sessions.port';
import { ViewingSessionView, ViewingSessionViews } from '../queries/viewing-sessions/viewing-views.port';

export type { ViewingSessionView } from '../queries/viewing-sessions/viewing-views.port';

/**
 * The viewing sessions' read model, caught up with custody's log first (its own runner of the
 * same projection: the checkpoint row lock keeps two runners from applying an event twice).
 * Who sees a session (R3.1, R5.1): the owner's operators, the requesting organ's officers,
 * oversight within its jurisdiction.
 */
export class ViewingReadModels implements ViewingSessionViews, ViewingSessionSchedule {
  constructor(
    private readonly pool: Pool,
    private readonly runner: ProjectionRunner,
  ) {}

  catchUp(): Promise<number> {
    return this.runner.catchUp();
  }

  async sessions(principal: Principal, sessionId: string): Promise<ViewingSessionView[]> {
    await this.runner.catchUp();
    return rowsWhere(this.pool, sessionList('custody_viewing_sessions', sessionScope(principal)), 'session_id', sessionId, sessionViewOf);
  }

  /** A page of the sessions the caller sees, newest first (by when each opened, then its id). */
  async sessionsPage(principal: Principal, paging: PageRequestDto): Promise<Page<ViewingSessionView>> {
    await this.runner.catchUp();
    return keysetPage(this.pool, sessionList('custody_viewing_sessions', sessionScope(principal)), paging, sessionViewOf);
  }

  /** The session of this request for this owner still open at `now`, if any. */
  async openSessionOf(requestId: string, ownerOrganisationId: string, now: Date): Promise<string | undefined> {
    await this.runner.catchUp();
    const { rows } = await this.pool.query(
      `SELECT session_id FROM custody_viewing_sessions WHERE request_id = $1 AND owner_organisation_id = $2 AND status = 'OPEN' AND expires_at > $3`,
      [requestId, ownerOrganisationId, now],
    );
    return rows[0]?.session_id;
  }

  /** The sessions of this request not recorded as closed, whatever their owner. */
  async openSessionsOfRequest(requestId: string): Promise<string[]> {
    await this.runner.catchUp();
    const { rows } = await this.pool.query(
      `SELECT session_id FROM custody_viewing_sessions WHERE request_id = $1 AND status = 'OPEN'`,
      [requestId],
    );
    return rows.map((r) => r.session_id as string);
  }

  /** Sessions not closed whose time ran out by `now`. */
  async dueForExpiry(now: Date, limit = 500): Promise<string[]> {
    await this.runner.catchUp();
    const { rows } = await this.pool.query(
      `SELECT session_id FROM custody_viewing_sessions WHERE status = 'OPEN' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.session_id as string);
  }
}

const iso = (d: Date): string => d.toISOString();

/** The sessions a caller sees: the owner's operators, the requesting organ's officers, oversight in its jurisdiction. */
function sessionScope(principal: Principal): { where: string; params: unknown[] } {
  return {
    where: `(owner_organisation_id = $1 OR requesting_organisation_id = $2
             OR ($3::text IS NOT NULL AND (owner_division_code LIKE $3 || '%' OR requesting_division_code LIKE $3 || '%')))`,
    params: sessionScopeParams(principal),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of custody_viewing_sessions
function sessionViewOf(r: any): ViewingSessionView {
  return {
    sessionId: r.session_id,
    requestId: r.request_id,
    status: r.status,
    ownerOrganisationId: r.owner_organisation_id,
    requestingOrganisationId: r.requesting_organisation_id,
    coSigners: r.co_signers,
    joined: r.joined,
    caseReference: r.case_reference,
    purpose: r.purpose,
    cameraIds: r.camera_ids,
    window: { from: iso(r.window_from), to: iso(r.window_to) },
    openedAt: iso(r.opened_at),
    expiresAt: iso(r.expires_at),
    viewingStartedAt: r.viewing_started_at ? iso(r.viewing_started_at) : null,
    closeReason: r.close_reason,
    closedAt: r.closed_at ? iso(r.closed_at) : null,
  };
}

