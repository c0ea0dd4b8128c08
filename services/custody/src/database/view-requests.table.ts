import { Pool, PoolClient } from 'pg';
import type { ViewRequest } from '../domain/view-request';

/**
 * The VIEW requests custody knows of, from the requests service's events (R18.1–R18.3): the
 * requesting organ, the two signing officers with their credentials, purpose, cameras, window
 * and owners. Written by the view-requests consumer through its inbox.
 */
export async function ensureViewRequestsTable(tx: PoolClient): Promise<void> {
  await tx.query(`
    CREATE TABLE IF NOT EXISTS custody_view_requests (
      request_id text PRIMARY KEY,
      status text NOT NULL,
      requesting_organisation_id text NOT NULL,
      requesting_division_code text NOT NULL,
      case_reference text NOT NULL,
      purpose text NOT NULL,
      image_system_ids text[] NOT NULL,
      camera_ids text[] NOT NULL,
      owner_organisation_ids text[] NOT NULL,
      window_from timestamptz NOT NULL,
      window_to timestamptz NOT NULL,
      filer_person_id text NOT NULL,
      filer_credential_number text NOT NULL,
      co_signer_person_id text,
      co_signer_credential_number text,
      updated_at timestamptz NOT NULL
    );
  `);
}

/**
 * Which organ filed each copy or retrieval request (from `requests.RequestFiled`): its
 * officers see the evidence item exported for their own request before any hand-over, and
 * nobody else's (R3.1), so they need not ask the owner for its id.
 */
export async function ensureRequestRequestersTable(tx: PoolClient): Promise<void> {
  await tx.query(`
    CREATE TABLE IF NOT EXISTS custody_request_requesters (
      request_id text PRIMARY KEY,
      requesting_organisation_id text NOT NULL
    );
  `);
}

export async function recordRequester(tx: PoolClient, requestId: string, requestingOrganisationId: string): Promise<void> {
  await tx.query('INSERT INTO custody_request_requesters (request_id, requesting_organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    requestId,
    requestingOrganisationId,
  ]);
}

export class ViewRequests {
  constructor(private readonly pool: Pool) {}

  /**
   * The request; inside a transaction its row is share-locked, so that a withdrawal (which
   * updates the row) waits for a session being opened to commit and then closes it too.
   */
  async find(requestId: string, tx?: PoolClient): Promise<ViewRequest | undefined> {
    const { rows } = await (tx ?? this.pool).query(
      `SELECT * FROM custody_view_requests WHERE request_id = $1${tx ? ' FOR SHARE' : ''}`,
      [requestId],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      requestId: r.request_id,
      status: r.status,
      requestingOrganisationId: r.requesting_organisation_id,
      requestingDivisionCode: r.requesting_division_code,
      caseReference: r.case_reference,
      purpose: r.purpose,
      imageSystemIds: r.image_system_ids,
      cameraIds: r.camera_ids,
      ownerOrganisationIds: r.owner_organisation_ids,
      windowFrom: (r.window_from as Date).toISOString(),
      windowTo: (r.window_to as Date).toISOString(),
      filer: { personId: r.filer_person_id, credentialNumber: r.filer_credential_number },
      ...(r.co_signer_person_id
        ? { coSigner: { personId: r.co_signer_person_id, credentialNumber: r.co_signer_credential_number } }
        : {}),
    };
  }

  /** The co-signed VIEW requests naming the owner's systems (its operators' to-do list). */
  async coSignedFor(ownerOrganisationId: string): Promise<ViewRequest[]> {
    const { rows } = await this.pool.query(
      `SELECT request_id FROM custody_view_requests WHERE status = 'CO_SIGNED' AND $1 = ANY(owner_organisation_ids)
       ORDER BY updated_at DESC LIMIT 200`,
      [ownerOrganisationId],
    );
    const found = await Promise.all(rows.map((r) => this.find(r.request_id as string)));
    return found.filter((r): r is ViewRequest => r !== undefined);
  }
}
