import { Page, PageRequestDto } from '@custos/platform';
import { Pool, PoolClient } from 'pg';
import { keysetPage, requestsByLastChange } from '../../shared/keyset-page';

/** An approved (or pending, revoked, closed) direct access as custody learned it from approvals (R17.4). */
export interface DirectAccessGrant {
  readonly requestId: string;
  readonly status: 'PENDING' | 'GRANTED' | 'REVOKED' | 'CLOSED';
  readonly requestingOrganisationId: string;
  readonly requestingDivisionCode: string;
  readonly ownerOrganisationIds: readonly string[];
  readonly cameraIds: readonly string[];
  readonly caseReference: string;
  readonly purpose: string;
  readonly approvalDocumentNumber?: string;
  readonly issuingOrganisationId?: string;
  /** The grant's period, from the approval document's window (R17.4). */
  readonly grantFrom?: string;
  readonly grantTo?: string;
  /** The document's own end of validity. */
  readonly validUntil?: string;
}

const iso = (value: unknown): string | undefined => (value instanceof Date ? value.toISOString() : undefined);

function grantOf(r: Record<string, unknown>): DirectAccessGrant {
  return {
    requestId: r.request_id as string,
    status: r.status as DirectAccessGrant['status'],
    requestingOrganisationId: r.requesting_organisation_id as string,
    requestingDivisionCode: r.requesting_division_code as string,
    ownerOrganisationIds: r.owner_organisation_ids as string[],
    cameraIds: r.camera_ids as string[],
    caseReference: r.case_reference as string,
    purpose: r.purpose as string,
    ...(r.approval_document_number ? { approvalDocumentNumber: r.approval_document_number as string } : {}),
    ...(r.issuing_organisation_id ? { issuingOrganisationId: r.issuing_organisation_id as string } : {}),
    ...(r.grant_from ? { grantFrom: iso(r.grant_from), grantTo: iso(r.grant_to), validUntil: iso(r.valid_until) } : {}),
  };
}

/** The grants custody knows, read for opening sessions and for the granted organ's officers. */
export class DirectAccessGrants {
  constructor(private readonly pool: Pool) {}

  /** One grant; within `tx` it is share-locked, so a revocation waits for a session being opened, then cuts it. */
  async find(requestId: string, tx?: PoolClient): Promise<DirectAccessGrant | undefined> {
    const { rows } = await (tx ?? this.pool).query(
      `SELECT * FROM custody_direct_access_grants WHERE request_id = $1${tx ? ' FOR SHARE' : ''}`,
      [requestId],
    );
    return rows[0] ? grantOf(rows[0]) : undefined;
  }

  /**
   * A page of the grants of an organ that are approved now, in the order they were granted
   * (a grant's row changes again only when it is revoked, and then it leaves the list).
   */
  grantedTo(organisationId: string, paging: PageRequestDto): Promise<Page<DirectAccessGrant>> {
    const granted = { where: [`status = 'GRANTED'`, 'requesting_organisation_id = $1'], params: [organisationId] };
    return keysetPage(this.pool, requestsByLastChange('SELECT * FROM custody_direct_access_grants', granted, false), paging, grantOf);
  }
}
