import { Principal } from '@custos/auth';
import { DomainError, err, ok, Result } from '@custos/domain';
import { ProjectionRunner } from '@custos/eventstore';
import { Page, PageRequestDto } from '@custos/platform';
import { Pool } from 'pg';
import { KeysetList, keysetPage, rowsWhere, sessionList, sessionScopeParams } from './keyset-page';

/** What every kind of session's view shows: which request, for whom, of what, and when. */
export interface SessionViewBase {
  readonly sessionId: string;
  readonly requestId: string;
  readonly requestingOrganisationId: string;
  readonly caseReference: string;
  readonly purpose: string;
  readonly cameraIds: readonly string[];
  readonly openedAt: string;
  readonly expiresAt: string;
}

/** The columns every kind of session's table shares, as a view shows them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of a session table
export function sessionViewBaseOf(r: any): SessionViewBase {
  return {
    sessionId: r.session_id,
    requestId: r.request_id,
    requestingOrganisationId: r.requesting_organisation_id,
    caseReference: r.case_reference,
    purpose: r.purpose,
    cameraIds: r.camera_ids,
    openedAt: iso(r.opened_at),
    expiresAt: iso(r.expires_at),
  };
}

/** What tells one kind of session's table from another's: its name, who sees a row, and a row's view. */
export interface SessionTable<V> {
  readonly table: string;
  /** The sessions a caller sees (R3.1, R5.1), as a condition over `sessionScopeParams` ($1…$3). */
  readonly scope: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of `table`
  readonly viewOf: (row: any) => V;
  /** The kind's refusal of a session the caller does not see or that does not exist (R3.1). */
  readonly notFound: (sessionId: string) => DomainError;
}

/**
 * A read model of sessions (viewing, direct access), caught up with custody's log before each
 * read: both kinds list, page, end and expire their sessions the same way, over tables of the
 * same shape (`session_id`, `request_id`, `status`, `opened_at`, `expires_at`).
 */
export abstract class SessionReadModel<V> {
  protected constructor(
    protected readonly pool: Pool,
    protected readonly runner: ProjectionRunner,
    private readonly of: SessionTable<V>,
  ) {}

  catchUp(): Promise<number> {
    return this.runner.catchUp();
  }

  /** The session `sessionId` if the caller sees it (one, or none). */
  async sessions(principal: Principal, sessionId: string): Promise<V[]> {
    await this.runner.catchUp();
    return rowsWhere(this.pool, this.listFor(principal), 'session_id', sessionId, this.of.viewOf);
  }

  /** The session `sessionId` if the caller sees it; the kind's not-found refusal otherwise (R3.1). */
  async session(principal: Principal, sessionId: string): Promise<Result<V>> {
    const [found] = await this.sessions(principal, sessionId);
    return found ? ok(found) : err(this.of.notFound(sessionId));
  }

  /** A page of the sessions the caller sees, newest first (by when each opened, then its id). */
  async sessionsPage(principal: Principal, paging: PageRequestDto): Promise<Page<V>> {
    await this.runner.catchUp();
    return keysetPage(this.pool, this.listFor(principal), paging, this.of.viewOf);
  }

  private listFor(principal: Principal): KeysetList {
    return sessionList(this.of.table, { where: this.of.scope, params: sessionScopeParams(principal) });
  }

  /** The sessions of this request not recorded as ended, whatever their owner. */
  async openSessionsOfRequest(requestId: string): Promise<string[]> {
    return this.sessionIds(`request_id = $1 AND status = 'OPEN'`, [requestId]);
  }

  /** Sessions not ended whose time ran out by `now`. */
  async dueForExpiry(now: Date, limit = 500): Promise<string[]> {
    return this.sessionIds(`status = 'OPEN' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`, [now, limit]);
  }

  /** The ids of the sessions meeting `condition` (and its order), caught up first. */
  protected async sessionIds(condition: string, params: unknown[]): Promise<string[]> {
    await this.runner.catchUp();
    const { rows } = await this.pool.query(`SELECT session_id FROM ${this.of.table} WHERE ${condition}`, params);
    return rows.map((r) => r.session_id as string);
  }
}

/** An instant of a row as the API writes it; null stays null. */
export const isoOf = (d: Date | null): string | null => (d ? d.toISOString() : null);
export const iso = (d: Date): string => d.toISOString();
