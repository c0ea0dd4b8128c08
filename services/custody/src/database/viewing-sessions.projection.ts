import {
  CUSTODY_OFFICER_JOINED_VIEWING,
  CUSTODY_VIEWING_SESSION_CLOSED,
  CUSTODY_VIEWING_SESSION_OPENED,
  EventEnvelope,
  OfficerJoinedViewing,
  ViewingSessionClosed,
  ViewingSessionOpened,
} from '@custos/contracts';
import { PoolClient } from 'pg';
import { MINIMUM_OFFICERS } from '@custos/domain';
import { addSessionRegisterPerson, endSessionRegisterLines, writeAccessRegisterEntry } from './access-register.writer';

/** The viewing sessions' tables, part of custody's read models (rebuilt with them). */
export const VIEWING_TABLES = ['custody_viewing_sessions'] as const;

/** Applies a viewing session's event; false for any other event. */
export async function applyViewingEvent(event: EventEnvelope, tx: PoolClient): Promise<boolean> {
  switch (event.type) {
    case CUSTODY_VIEWING_SESSION_OPENED: {
      const p = event.payload as unknown as ViewingSessionOpened;
      await tx.query(
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
      );
      return true;
    }
    case CUSTODY_OFFICER_JOINED_VIEWING: {
      const p = event.payload as unknown as OfficerJoinedViewing;
      const person = { personId: p.officer.personId, credentialNumber: p.officer.credentialNumber };
      const { rows } = await tx.query(
        `UPDATE custody_viewing_sessions SET joined = joined || $2::jsonb
         WHERE session_id = $1 AND NOT joined @> jsonb_build_array(jsonb_build_object('personId', $3::text))
         RETURNING joined, requesting_organisation_id, requesting_division_code, owner_organisation_id, owner_division_code, purpose, camera_ids`,
        [p.sessionId, JSON.stringify([person]), p.officer.personId],
      );
      const session = rows[0];
      if (!session) return true;
      const joined = (session.joined as unknown[]).length;
      // A further officer of the requesting organ (policy onlySigners off, R18.1) joins a view already started.
      if (joined > MINIMUM_OFFICERS) {
        await addSessionRegisterPerson(tx, p.sessionId, person);
        return true;
      }
      if (joined < MINIMUM_OFFICERS) return true;
      // Both officers are in: the view starts now, and is registered before any byte plays (R18.3).
      await tx.query('UPDATE custody_viewing_sessions SET viewing_started_at = $2 WHERE session_id = $1', [
        p.sessionId,
        p.joinedAt,
      ]);
      await writeAccessRegisterEntry(tx, {
        entryId: event.id,
        sequence: event.sequence,
        evidenceItemId: '',
        kind: 'VIEW',
        organisationId: session.requesting_organisation_id,
        divisionCode: session.requesting_division_code,
        ownerOrganisationId: session.owner_organisation_id,
        ownerDivisionCode: session.owner_division_code,
        persons: session.joined,
        at: p.joinedAt,
        purpose: session.purpose,
        approvalDocumentNumber: null,
        cameraIds: session.camera_ids,
        viewingSessionId: p.sessionId,
      });
      return true;
    }
    case CUSTODY_VIEWING_SESSION_CLOSED: {
      const p = event.payload as unknown as ViewingSessionClosed;
      await tx.query(
        `UPDATE custody_viewing_sessions SET status = 'CLOSED', close_reason = $2, closed_at = $3 WHERE session_id = $1`,
        [p.sessionId, p.reason, p.at],
      );
      await endSessionRegisterLines(tx, p.sessionId, p.at, p.reason);
      return true;
    }
    default:
      return false;
  }
}
