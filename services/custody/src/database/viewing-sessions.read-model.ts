import { viewingErrors } from '@custos/domain';
import { ProjectionRunner } from '@custos/eventstore';
import { Pool } from 'pg';
import { iso, isoOf, SessionReadModel, sessionViewBaseOf } from '../shared/session-read-model';
import { ViewingSessionSchedule } from '../commands/viewing-sessions/viewing-sessions.port';
import { ViewingSessionView, ViewingSessionViews } from '../queries/viewing-sessions/viewing-views.port';

export type { ViewingSessionView } from '../queries/viewing-sessions/viewing-views.port';

/**
 * The viewing sessions' read model, caught up with custody's log first (its own runner of the
 * same projection: the checkpoint row lock keeps two runners from applying an event twice).
 * Who sees a session (R3.1, R5.1): the owner's operators, the requesting organ's officers,
 * oversight within its jurisdiction.
 */
export class ViewingReadModels extends SessionReadModel<ViewingSessionView> implements ViewingSessionViews, ViewingSessionSchedule {
  constructor(pool: Pool, runner: ProjectionRunner) {
    super(pool, runner, { table: 'custody_viewing_sessions', scope: SESSION_SCOPE, viewOf: sessionViewOf, notFound: viewingErrors.sessionNotFound });
  }

  /** The session of this request for this owner still open at `now`, if any. */
  async openSessionOf(requestId: string, ownerOrganisationId: string, now: Date): Promise<string | undefined> {
    const [sessionId] = await this.sessionIds(`request_id = $1 AND owner_organisation_id = $2 AND status = 'OPEN' AND expires_at > $3`, [requestId, ownerOrganisationId, now]);
    return sessionId;
  }
}

/** The sessions a caller sees: the owner's operators, the requesting organ's officers, oversight in its jurisdiction. */
const SESSION_SCOPE = `(owner_organisation_id = $1 OR requesting_organisation_id = $2
             OR ($3::text IS NOT NULL AND (owner_division_code LIKE $3 || '%' OR requesting_division_code LIKE $3 || '%')))`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of custody_viewing_sessions
function sessionViewOf(r: any): ViewingSessionView {
  return {
    ...sessionViewBaseOf(r),
    status: r.status,
    ownerOrganisationId: r.owner_organisation_id,
    coSigners: r.co_signers,
    joined: r.joined,
    window: { from: iso(r.window_from), to: iso(r.window_to) },
    viewingStartedAt: isoOf(r.viewing_started_at),
    closeReason: r.close_reason,
    closedAt: isoOf(r.closed_at),
  };
}

