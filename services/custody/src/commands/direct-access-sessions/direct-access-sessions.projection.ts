import { createHash } from 'node:crypto';
import {
  CUSTODY_DIRECT_ACCESS_SESSION_ENDED,
  CUSTODY_DIRECT_ACCESS_SESSION_OPENED,
  CUSTODY_OFFICER_JOINED_DIRECT_ACCESS,
  DirectAccessSessionEnded,
  DirectAccessSessionOpened,
  EventEnvelope,
  OfficerJoinedDirectAccess,
} from '@custos/contracts';
import { PoolClient } from 'pg';
import { addSessionRegisterPerson, endSessionRegisterLines, writeAccessRegisterEntry } from '../../database/access-register.writer';
import { MIN_DIRECT_ACCESS_OFFICERS } from './direct-access.errors';

/** The direct-access sessions' table, part of custody's read models (rebuilt with them). */
export const DIRECT_ACCESS_TABLES = ['custody_direct_access_sessions'] as const;

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
 * lines; the end and why are filled in when the session ends. False for any other event.
 */
export async function applyDirectAccessEvent(event: EventEnvelope, tx: PoolClient): Promise<boolean> {
  switch (event.type) {
    case CUSTODY_DIRECT_ACCESS_SESSION_OPENED: {
      const p = event.payload as unknown as DirectAccessSessionOpened;
      const officer = { personId: p.openedBy.personId, credentialNumber: p.openedBy.credentialNumber };
      await tx.query(
        `INSERT INTO custody_direct_access_sessions (session_id, request_id, approval_document_number, requesting_organisation_id,
           requesting_division_code, owner_organisation_ids, officers, case_reference, purpose, camera_ids, grant_from, grant_to,
           opened_at, expires_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'OPEN') ON CONFLICT DO NOTHING`,
        [
          p.sessionId,
          p.requestId,
          p.approvalDocumentNumber,
          p.requestingOrganisationId,
          p.requestingDivisionCode,
          p.ownerOrganisationIds,
          JSON.stringify([officer]),
          p.caseReference,
          p.purpose,
          p.cameraIds,
          p.grantFrom,
          p.grantTo,
          p.openedAt,
          p.expiresAt,
        ],
      );
      return true;
    }
    case CUSTODY_OFFICER_JOINED_DIRECT_ACCESS: {
      const p = event.payload as unknown as OfficerJoinedDirectAccess;
      const person = { personId: p.officer.personId, credentialNumber: p.officer.credentialNumber };
      const { rows } = await tx.query(
        `UPDATE custody_direct_access_sessions SET officers = officers || $2::jsonb
         WHERE session_id = $1 AND NOT officers @> jsonb_build_array(jsonb_build_object('personId', $3::text))
         RETURNING *`,
        [p.sessionId, JSON.stringify([person]), p.officer.personId],
      );
      const session = rows[0];
      if (!session) return true;
      const officers = session.officers as unknown[];
      if (officers.length > MIN_DIRECT_ACCESS_OFFICERS) {
        await addSessionRegisterPerson(tx, p.sessionId, person);
        return true;
      }
      if (officers.length < MIN_DIRECT_ACCESS_OFFICERS) return true;
      // Two officers are in: access starts now, and is registered before anything is accessed (R18.3).
      await tx.query('UPDATE custody_direct_access_sessions SET access_started_at = $2 WHERE session_id = $1', [p.sessionId, p.joinedAt]);
      for (const owner of session.owner_organisation_ids as string[]) {
        await writeAccessRegisterEntry(tx, {
          entryId: entryIdOf(event.id, owner),
          sequence: event.sequence,
          evidenceItemId: '',
          kind: 'DIRECT_ACCESS',
          organisationId: session.requesting_organisation_id,
          divisionCode: session.requesting_division_code,
          ownerOrganisationId: owner,
          ownerDivisionCode: null,
          persons: officers,
          at: p.joinedAt,
          purpose: session.purpose,
          approvalDocumentNumber: session.approval_document_number,
          cameraIds: session.camera_ids,
          viewingSessionId: p.sessionId,
        });
      }
      return true;
    }
    case CUSTODY_DIRECT_ACCESS_SESSION_ENDED: {
      const p = event.payload as unknown as DirectAccessSessionEnded;
      await tx.query(
        `UPDATE custody_direct_access_sessions SET status = 'ENDED', end_reason = $2, ended_at = $3 WHERE session_id = $1`,
        [p.sessionId, p.reason, p.at],
      );
      await endSessionRegisterLines(tx, p.sessionId, p.at, p.reason);
      return true;
    }
    default:
      return false;
  }
}
