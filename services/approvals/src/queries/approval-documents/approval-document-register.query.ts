import { Principal, isWithinJurisdiction } from '@custos/auth';
import { SignedApprovalDocument } from '@custos/domain';
import { Pool } from 'pg';

/** An approved case's document as the register holds it, with what its printed page shows. */
export interface RegisteredDocument {
  readonly signed_document: SignedApprovalDocument;
  readonly signer_credential_numbers: string[] | null;
  readonly revoked_at: Date | null;
  readonly revocation_reason: string | null;
}

export interface RevokedDocument {
  readonly number: string;
  readonly documentId?: string;
  readonly revokedAt: string;
  readonly reason: string;
}

/**
 * The register of signed approval documents (R18.5), read from the `ap_cases` read model: one
 * place for its SQL, used by the signed-in reads (a case's document, an organ's revocation list,
 * verification) and by the public check of a printed document.
 */
export class ApprovalDocumentRegister {
  constructor(private readonly pool: Pool) {}

  /**
   * The document of an approved case, if the principal may read it: the signers' organ, the
   * owners, the approvers' organ, services, and oversight bodies whose jurisdiction covers the
   * requesting organ (R5.1). For anyone else undefined, as for a case that does not exist (R3.1).
   */
  async visibleTo(principal: Principal, requestId: string): Promise<RegisteredDocument | undefined> {
    const { rows } = await this.pool.query<RegisteredDocument & { requester_division_code: string; involved: boolean }>(
      `SELECT signed_document, requester_division_code, signer_credential_numbers, revoked_at, revocation_reason,
              ($2 = requester_organisation_id OR $2 = approver_organisation_id OR $2 = ANY (owner_organisation_ids)) AS involved
         FROM ap_cases WHERE request_id = $1 AND signed_document IS NOT NULL`,
      [requestId, principal.organisationId],
    );
    const row = rows[0];
    const may =
      row !== undefined &&
      (row.involved ||
        principal.roles.includes('SERVICE') ||
        (principal.roles.includes('OVERSIGHT') && isWithinJurisdiction(principal, row.requester_division_code)));
    return may ? row : undefined;
  }

  /** The document held under that id, and when it was revoked (null while it stands). */
  async byDocumentId(documentId: string): Promise<{ signed: SignedApprovalDocument; revokedAt: Date | null } | undefined> {
    const { rows } = await this.pool.query<{ signed_document: SignedApprovalDocument; revoked_at: Date | null }>(
      `SELECT signed_document, revoked_at FROM ap_cases WHERE signed_document->'document'->>'documentId' = $1 AND signed_document IS NOT NULL`,
      [documentId],
    );
    return rows.length === 0 ? undefined : { signed: rows[0].signed_document, revokedAt: rows[0].revoked_at };
  }

  /** The documents the organ has revoked, oldest revocation first. */
  async revokedBy(organisationId: string): Promise<RevokedDocument[]> {
    const { rows } = await this.pool.query(
      `SELECT document_number, signed_document->'document'->>'documentId' AS document_id, revoked_at, revocation_reason FROM ap_cases
       WHERE approver_organisation_id = $1 AND document_number IS NOT NULL AND revoked_at IS NOT NULL ORDER BY revoked_at`,
      [organisationId],
    );
    return rows.map((r) => ({
      number: r.document_number,
      ...(r.document_id ? { documentId: r.document_id } : {}),
      revokedAt: r.revoked_at.toISOString(),
      reason: r.revocation_reason,
    }));
  }
}
