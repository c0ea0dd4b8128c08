import { PoolClient } from 'pg';

/** One line of the access register (R16.6): who accessed what, for which unit, when and why. */
export interface AccessRegisterEntry {
  /** The line's key: the event's id, or the delivery's id for a download. */
  readonly entryId: string;
  /** The sequence of the event that wrote the line (the register's paging order). */
  readonly sequence: number;
  /** The evidence item accessed; '' for a view of footage in a viewing session. */
  readonly evidenceItemId: string;
  /** The hand-over's kind (COPY, RETRIEVE), VIEW or DELIVERY. */
  readonly kind: string;
  readonly organisationId: string;
  readonly divisionCode: string;
  readonly ownerOrganisationId: string;
  readonly ownerDivisionCode: string | null;
  /** The officers, with their credentials. */
  readonly persons: readonly unknown[];
  readonly at: string;
  readonly purpose: string;
  readonly approvalDocumentNumber: string | null;
  readonly cameraIds: readonly string[];
  /** The viewing or direct-access session (kind DIRECT_ACCESS, R17.4) the line belongs to, if any. */
  readonly viewingSessionId?: string;
}

/** Writes a line of the access register; replaying the same event writes nothing more. */
export async function writeAccessRegisterEntry(tx: PoolClient, entry: AccessRegisterEntry): Promise<void> {
  await tx.query(
    `INSERT INTO custody_access_register (entry_id, sequence, evidence_item_id, access_kind, requesting_organisation_id,
       requesting_division_code, owner_organisation_id, owner_division_code, persons, at, purpose, approval_document_number, camera_ids,
       viewing_session_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING`,
    [
      entry.entryId,
      entry.sequence,
      entry.evidenceItemId,
      entry.kind,
      entry.organisationId,
      entry.divisionCode,
      entry.ownerOrganisationId,
      entry.ownerDivisionCode,
      JSON.stringify(entry.persons),
      entry.at,
      entry.purpose,
      entry.approvalDocumentNumber,
      entry.cameraIds,
      entry.viewingSessionId ?? null,
    ],
  );
}

/** Fills in the end, and why, of the register lines of a viewing or direct-access session (R16.6). */
export async function endSessionRegisterLines(tx: PoolClient, sessionId: string, at: string, reason: string): Promise<void> {
  await tx.query('UPDATE custody_access_register SET ended_at = $2, end_reason = $3 WHERE viewing_session_id = $1', [
    sessionId,
    at,
    reason,
  ]);
}

/** An officer who joined a session whose access already started: named on its register lines too (R16.6). */
export async function addSessionRegisterPerson(
  tx: PoolClient,
  sessionId: string,
  person: { personId: string; credentialNumber: string },
): Promise<void> {
  await tx.query('UPDATE custody_access_register SET persons = persons || $2::jsonb WHERE viewing_session_id = $1', [
    sessionId,
    JSON.stringify([person]),
  ]);
}
