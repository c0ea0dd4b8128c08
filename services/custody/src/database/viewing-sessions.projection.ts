import {
  CUSTODY_OFFICER_JOINED_VIEWING,
  CUSTODY_VIEWING_SESSION_CLOSED,
  CUSTODY_VIEWING_SESSION_OPENED,
  EventEnvelope,
  OfficerJoinedViewing,
} from '@custos/contracts';
import { MINIMUM_OFFICERS } from '@custos/domain';
import { EventHandlers } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { AccessRegisterEntry, addSessionRegisterPerson, endSessionRegisterLines, writeAccessRegisterEntry } from './access-register.writer';

/** The viewing sessions' tables, part of custody's read models (rebuilt with them). */
export const VIEWING_TABLES = ['custody_viewing_sessions'] as const;

/** Where a kind of session (a view, a direct access) keeps its officers and when access started. */
export interface SessionTable {
  readonly table: 'custody_viewing_sessions' | 'custody_direct_access_sessions';
  readonly officers: 'joined' | 'officers';
  readonly startedAt: 'viewing_started_at' | 'access_started_at';
  readonly minimumOfficers: number;
}

const VIEWING_SESSIONS: SessionTable = { table: 'custody_viewing_sessions', officers: 'joined', startedAt: 'viewing_started_at', minimumOfficers: MINIMUM_OFFICERS };

/** A session's row as its register lines need it (a view's or a direct access's columns). */
interface SessionRow {
  readonly requesting_organisation_id: string;
  readonly requesting_division_code: string;
  readonly owner_organisation_id?: string;
  readonly owner_division_code?: string | null;
  readonly owner_organisation_ids?: string[];
  readonly approval_document_number?: string | null;
  readonly purpose: string;
  readonly camera_ids: string[];
  readonly joined?: unknown[];
  readonly officers?: unknown[];
}

/**
 * An officer joins a session (once). A further officer of a session already started is added to
 * its register lines; the officer who brings it to its minimum starts it now, and the session as
 * it stands (with its officers) is returned, for its lines to be registered before any access
 * (R18.3). Undefined otherwise.
 */
export async function joinSession(
  tx: PoolClient,
  kind: SessionTable,
  p: Pick<OfficerJoinedViewing, 'sessionId' | 'officer' | 'joinedAt'>,
): Promise<{ session: SessionRow; officers: unknown[] } | undefined> {
  const person = { personId: p.officer.personId, credentialNumber: p.officer.credentialNumber };
  const { rows } = await tx.query<SessionRow>(
    `UPDATE ${kind.table} SET ${kind.officers} = ${kind.officers} || $2::jsonb
     WHERE session_id = $1 AND NOT ${kind.officers} @> jsonb_build_array(jsonb_build_object('personId', $3::text))
     RETURNING *`,
    [p.sessionId, JSON.stringify([person]), p.officer.personId],
  );
  const session = rows[0];
  if (!session) return undefined;
  const officers = session[kind.officers] ?? [];
  if (officers.length > kind.minimumOfficers) {
    // A further officer (for a view, of the requesting organ under policy onlySigners off, R18.1) joins an access already started.
    await addSessionRegisterPerson(tx, p.sessionId, person);
    return undefined;
  }
  if (officers.length < kind.minimumOfficers) return undefined;
  await tx.query(`UPDATE ${kind.table} SET ${kind.startedAt} = $2 WHERE session_id = $1`, [p.sessionId, p.joinedAt]);
  return { session, officers };
}

/** What every register line of a session that just started says: the requesting organ, the officers in, the start, the purpose and the cameras. */
export function sessionLine(
  started: { session: SessionRow; officers: unknown[] },
  event: EventEnvelope,
  p: { sessionId: string; joinedAt: string },
): Omit<AccessRegisterEntry, 'entryId' | 'kind' | 'ownerOrganisationId' | 'ownerDivisionCode' | 'approvalDocumentNumber'> {
  return {
    sequence: event.sequence,
    evidenceItemId: '',
    organisationId: started.session.requesting_organisation_id,
    divisionCode: started.session.requesting_division_code,
    persons: started.officers,
    at: p.joinedAt,
    purpose: started.session.purpose,
    cameraIds: started.session.camera_ids,
    viewingSessionId: p.sessionId,
  };
}

/** A session ends (closed, ended) with its reason; its register lines end with it. */
export async function endSession(
  tx: PoolClient,
  kind: SessionTable,
  end: { status: 'CLOSED' | 'ENDED'; reasonColumn: 'close_reason' | 'end_reason'; atColumn: 'closed_at' | 'ended_at' },
  p: { sessionId: string; reason: string; at: string },
): Promise<void> {
  await tx.query(`UPDATE ${kind.table} SET status = '${end.status}', ${end.reasonColumn} = $2, ${end.atColumn} = $3 WHERE session_id = $1`, [
    p.sessionId,
    p.reason,
    p.at,
  ]);
  await endSessionRegisterLines(tx, p.sessionId, p.at, p.reason);
}

/** A viewing session's events: the session as it stands and its line in the access register (R16.6, R18.3). */
export const viewingHandlers: EventHandlers<PoolClient> = {
  [CUSTODY_VIEWING_SESSION_OPENED]: (p, _event, tx) =>
    tx.query(
      `INSERT INTO custody_viewing_sessions (session_id, request_id, owner_organisation_id, owner_division_code, requesting_organisation_id,
         requesting_division_code, co_signers, case_reference, purpose, camera_ids, window_from, window_to, opened_at, expires_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'OPEN') ON CONFLICT DO NOTHING`,
      [
        p.sessionId,
        p.requestId,
        p.ownerOrganisationId,
        p.ownerDivisionCode ?? null,
        p.requestingOrganisationId,
        p.requestingDivisionCode,
        JSON.stringify(p.coSigners),
        p.caseReference,
        p.purpose,
        p.cameraIds,
        p.windowFrom,
        p.windowTo,
        p.openedAt,
        p.expiresAt,
      ],
    ),
  [CUSTODY_OFFICER_JOINED_VIEWING]: async (p, event, tx) => {
    const started = await joinSession(tx, VIEWING_SESSIONS, p);
    if (!started) return;
    await writeAccessRegisterEntry(tx, {
      ...sessionLine(started, event, p),
      entryId: event.id,
      kind: 'VIEW',
      ownerOrganisationId: started.session.owner_organisation_id ?? '',
      ownerDivisionCode: started.session.owner_division_code ?? null,
      approvalDocumentNumber: null,
    });
  },
  [CUSTODY_VIEWING_SESSION_CLOSED]: (p, _event, tx) =>
    endSession(tx, VIEWING_SESSIONS, { status: 'CLOSED', reasonColumn: 'close_reason', atColumn: 'closed_at' }, p),
};
