import { Page, PageRequestDto } from '@custos/platform';
import { Pool, PoolClient } from 'pg';
import { keysetPage, requestsByLastChange } from '../shared/keyset-page';
import type { ViewRequest } from '@custos/domain';
import { ViewRequestLookup } from '../commands/viewing-sessions/viewing-sessions.port';
import { CoSignedViewRequests } from '../queries/viewing-sessions/viewing-views.port';

export async function recordRequester(tx: PoolClient, requestId: string, requestingOrganisationId: string): Promise<void> {
  await tx.query('INSERT INTO custody_request_requesters (request_id, requesting_organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    requestId,
    requestingOrganisationId,
  ]);
}

export class ViewRequests implements CoSignedViewRequests, ViewRequestLookup {
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

  /**
   * A page of the co-signed VIEW requests naming the owner's systems (its operators' to-do list),
   * newest first by when they were co-signed: a co-signed request's row changes again only when
   * it is withdrawn or expires, and then it leaves the list.
   */
  async coSignedFor(ownerOrganisationId: string, paging: PageRequestDto): Promise<Page<ViewRequest>> {
    const coSigned = { where: [`status = 'CO_SIGNED'`, '$1 = ANY(owner_organisation_ids)'], params: [ownerOrganisationId] };
    const list = requestsByLastChange('SELECT request_id, updated_at FROM custody_view_requests', coSigned, true);
    const page = await keysetPage(this.pool, list, paging, (row) => row.request_id as string);
    const found = await Promise.all(page.items.map((requestId) => this.find(requestId)));
    return { items: found.filter((r): r is ViewRequest => r !== undefined), nextCursor: page.nextCursor };
  }
}
