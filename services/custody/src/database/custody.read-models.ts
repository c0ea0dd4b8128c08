import { Principal } from '@custos/auth';
import { parseDivisionCode } from '@custos/domain';
import { ProjectionRunner } from '@custos/eventstore';
import { Pool } from 'pg';

export interface EvidenceItemView {
  readonly evidenceItemId: string;
  readonly exportId: string;
  readonly approvalDocumentNumber: string;
  readonly requestId: string;
  readonly kind: string;
  readonly ownerOrganisationId: string;
  readonly holderOrganisationId: string;
  readonly status: string;
  readonly packageSha256: string;
  readonly cameraIds: readonly string[];
  readonly window: { readonly from: string; readonly to: string };
  readonly alarm: boolean;
}

export interface AccessRegisterEntry {
  readonly entryId: string;
  readonly at: string;
  readonly accessKind: string;
  readonly evidenceItemId: string;
  readonly requestingOrganisationId: string;
  readonly persons: readonly { personId: string; credentialNumber: string }[];
  readonly purpose: string;
  readonly approvalDocumentNumber: string | null;
  readonly ownerOrganisationId: string;
  readonly cameraIds: readonly string[];
}

/**
 * Reads custody's read models, caught up with the log first, so that a caller sees what
 * their own command just recorded. What a caller may see (R3.1, R5.1, R16.6): the
 * organisations in an item's chain its items, owners their systems' register entries,
 * officers their organ's, oversight everything in its jurisdiction.
 */
export class CustodyReadModels {
  constructor(
    private readonly pool: Pool,
    private readonly runner: ProjectionRunner,
  ) {}

  rebuild(): Promise<number> {
    return this.runner.rebuild();
  }

  async evidenceItems(principal: Principal, evidenceItemId?: string): Promise<EvidenceItemView[]> {
    await this.runner.catchUp();
    const { rows } = await this.pool.query(
      `SELECT * FROM custody_evidence_items
       WHERE ($1::text IS NULL OR evidence_item_id = $1)
         AND ($2 = ANY(custodians) OR ($3::text IS NOT NULL AND owner_division_code LIKE $3 || '%'))
       ORDER BY updated_at DESC LIMIT 500`,
      [evidenceItemId ?? null, principal.organisationId, this.oversightPrefix(principal)],
    );
    return rows.map((r) => ({
      evidenceItemId: r.evidence_item_id,
      exportId: r.export_id,
      approvalDocumentNumber: r.approval_document_number,
      requestId: r.request_id,
      kind: r.kind,
      ownerOrganisationId: r.owner_organisation_id,
      holderOrganisationId: r.holder_organisation_id,
      status: r.status,
      packageSha256: r.package_sha256,
      cameraIds: r.camera_ids,
      window: { from: (r.window_from as Date).toISOString(), to: (r.window_to as Date).toISOString() },
      alarm: r.alarm,
    }));
  }

  async accessRegister(principal: Principal, limit = 1000): Promise<AccessRegisterEntry[]> {
    await this.runner.catchUp();
    const prefix = this.oversightPrefix(principal);
    const owner = principal.roles.includes('OWNER_OPERATOR') ? principal.organisationId : null;
    const officer = principal.roles.includes('OFFICER') ? principal.organisationId : null;
    const { rows } = await this.pool.query(
      `SELECT * FROM custody_access_register
       WHERE owner_organisation_id = $1 OR requesting_organisation_id = $2
          OR ($3::text IS NOT NULL AND (owner_division_code LIKE $3 || '%' OR requesting_division_code LIKE $3 || '%'))
       ORDER BY sequence LIMIT $4`,
      [owner, officer, prefix, limit],
    );
    return rows.map((r) => ({
      entryId: r.entry_id,
      at: (r.at as Date).toISOString(),
      accessKind: r.access_kind,
      evidenceItemId: r.evidence_item_id,
      requestingOrganisationId: r.requesting_organisation_id,
      persons: r.persons,
      purpose: r.purpose,
      approvalDocumentNumber: r.approval_document_number,
      ownerOrganisationId: r.owner_organisation_id,
      cameraIds: r.camera_ids,
    }));
  }

  /** The division prefix an oversight body sees, or null for anyone else. */
  private oversightPrefix(principal: Principal): string | null {
    if (!principal.roles.includes('OVERSIGHT')) return null;
    const division = parseDivisionCode(principal.divisionCode);
    return division.ok ? division.value.prefix : null;
  }
}
