import { createHash } from 'node:crypto';
import { CUSTODY_DIRECT_ACCESS_SESSION_ENDED, CUSTODY_DIRECT_ACCESS_SESSION_OPENED, CUSTODY_OFFICER_JOINED_DIRECT_ACCESS } from '@custos/contracts';
import { EventHandlers } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { writeAccessRegisterEntry } from '../../database/access-register.writer';
import { endSession, joinSession, sessionLine, SessionTable } from '../../database/viewing-sessions.projection';
import { MINIMUM_OFFICERS } from '@custos/domain';

/** The direct-access sessions' table, part of custody's read models (rebuilt with them). */
export const DIRECT_ACCESS_TABLES = ['custody_direct_access_sessions'] as const;

const DIRECT_ACCESS_SESSIONS: SessionTable = {
  table: 'custody_direct_access_sessions',
  officers: 'officers',
  startedAt: 'access_started_at',
  // At least two officers (R18.1: 至少二人) are in a session before anything can be accessed.
  minimumOfficers: MINIMUM_OFFICERS,
};

/** One register line per owner of the grant, keyed by the event and the owner (entry ids are UUIDs). */
function entryIdOf(eventId: string, ownerOrganisationId: string): string {
  const h = createHash('sha256').update(`${eventId}\n${ownerOrganisationId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The direct-access sessions as they stand, and their lines in the access register (R16.6,
 * R17.4): when the second officer joins (before anything can be accessed) one line per owner
 * of the granted systems, with the granted organ, the officers in and their credentials, the
 * start, the purpose and the approval document; an officer joining later is added to the
 * lines; the end and why are filled in when the session ends.
 */
export const directAccessHandlers: EventHandlers<PoolClient> = {
  [CUSTODY_DIRECT_ACCESS_SESSION_OPENED]: (p, _event, tx) => {
    const officer = { personId: p.openedBy.personId, credentialNumber: p.openedBy.credentialNumber };
    return tx.query(
      `INSERT INTO custody_direct_access_sessions (session_id, request_id, approval_document_number, requesting_organisation_id,
         requesting_division_code, owner_organisation_ids, officers, case_reference, purpose, camera_ids, grant_from, grant_to,
         opened_at, expires_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'OPEN') ON CONFLICT DO NOTHING`,
      [p.sessionId, p.requestId, p.approvalDocumentNumber, p.requestingOrganisationId, p.requestingDivisionCode, p.ownerOrganisationIds,
        JSON.stringify([officer]), p.caseReference, p.purpose, p.cameraIds, p.grantFrom, p.grantTo, p.openedAt, p.expiresAt],
    );
  },
  [CUSTODY_OFFICER_JOINED_DIRECT_ACCESS]: async (p, event, tx) => {
    const started = await joinSession(tx, DIRECT_ACCESS_SESSIONS, p);
    if (!started) return;
    for (const owner of started.session.owner_organisation_ids ?? []) {
      await writeAccessRegisterEntry(tx, {
        ...sessionLine(started, event, p),
        entryId: entryIdOf(event.id, owner),
        kind: 'DIRECT_ACCESS',
        ownerOrganisationId: owner,
        ownerDivisionCode: null,
        approvalDocumentNumber: started.session.approval_document_number ?? null,
      });
    }
  },
  [CUSTODY_DIRECT_ACCESS_SESSION_ENDED]: (p, _event, tx) =>
    endSession(tx, DIRECT_ACCESS_SESSIONS, { status: 'ENDED', reasonColumn: 'end_reason', atColumn: 'ended_at' }, p),
};
