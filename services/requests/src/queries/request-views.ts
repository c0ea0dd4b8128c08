import { Pool } from 'pg';
import { withoutUndefined } from './without-undefined';

/** The status an officer sees, combining the request's own lifecycle and the approval decision. */
export const EFFECTIVE_STATUS = `CASE
  WHEN r.status IN ('WITHDRAWN', 'EXPIRED') THEN r.status
  WHEN d.revoked_at IS NOT NULL THEN 'REVOKED'
  WHEN d.decision IS NOT NULL THEN d.decision
  WHEN r.status = 'CO_SIGNED' AND r.kind = 'VIEW' THEN 'REGISTERED'
  WHEN r.status = 'CO_SIGNED' THEN 'AWAITING_APPROVAL'
  ELSE r.status END`;

export const REQUEST_COLUMNS = `r.id, r.kind, ${EFFECTIVE_STATUS} AS status, r.organisation_id, r.filer_person_id, r.co_signer_person_id,
  r.credential_numbers, r.case_reference, r.purpose, r.camera_ids, r.image_system_ids, r.owner_organisation_ids,
  r.window_from, r.window_to, r.filed_at, r.co_sign_deadline, r.co_signed_at,
  d.decision, d.decided_at, d.reason AS decision_reason, d.approver_person_id, d.approver_organisation_id,
  d.document_number, d.signed_document, d.revoked_at, d.revocation_reason, d.rule_pack AS decision_rule_pack,
  (SELECT COALESCE(json_agg(json_build_object('exportId', e.export_id, 'ownerOrganisationId', e.owner_organisation_id,
     'approvalDocumentNumber', e.approval_document_number, 'exportedAt', e.exported_at, 'exportedBy', e.exported_by, 'reExport', e.re_export)
     ORDER BY e.exported_at, e.export_id), '[]'::json) FROM rq_exports e WHERE e.request_id = r.id) AS exports`;

export interface HistoryEntry {
  readonly status: string;
  readonly at: string;
  readonly code?: string;
  readonly rule?: string;
  readonly reason?: string;
  readonly by?: string;
  /** The rule pack the step was decided under (issue 21); absent for steps recorded before, or that decide nothing. */
  readonly rulePack?: { readonly id: string; readonly version: string };
}

export interface RequestView {
  readonly requestId: string;
  readonly kind: string;
  readonly status: string;
  readonly organisationId: string;
  readonly filerPersonId: string;
  readonly coSignerPersonId: string | null;
  readonly credentialNumbers: string[];
  readonly caseReference: string;
  readonly purpose: string;
  readonly cameraIds: string[];
  readonly imageSystemIds: string[];
  readonly ownerOrganisationIds: string[];
  readonly window: { from: string; to: string };
  readonly filedAt: string;
  readonly coSignDeadline: string;
  readonly coSignedAt: string | null;
  readonly decision: null | {
    decision: string;
    decidedAt: string;
    reason: string | null;
    approver: { personId: string; organisationId: string };
    documentNumber: string | null;
    signedDocument: unknown;
    revokedAt: string | null;
    revocationReason: string | null;
    /** The rule pack the decision was made under (issue 21); absent for decisions recorded before. */
    rulePack?: { id: string; version: string };
  };
  /** The packages exported for the request (R18.5); an export's id is its evidence item's id in custody. */
  readonly exports: ExportView[];
  history?: HistoryEntry[];
}

export interface ExportView {
  readonly exportId: string;
  readonly ownerOrganisationId: string;
  readonly approvalDocumentNumber: string;
  readonly exportedAt: string;
  readonly exportedBy: { subject: string; personId: string | null; organisationId: string };
  readonly reExport: { previousExportId: string; reason: string } | null;
}

const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row, typed by the SELECT above
export function toView(row: Record<string, any>): RequestView {
  return {
    requestId: row.id,
    kind: row.kind,
    status: row.status,
    organisationId: row.organisation_id,
    filerPersonId: row.filer_person_id,
    coSignerPersonId: row.co_signer_person_id,
    credentialNumbers: row.credential_numbers,
    caseReference: row.case_reference,
    purpose: row.purpose,
    cameraIds: row.camera_ids,
    imageSystemIds: row.image_system_ids,
    ownerOrganisationIds: row.owner_organisation_ids,
    window: { from: iso(row.window_from)!, to: iso(row.window_to)! },
    filedAt: iso(row.filed_at)!,
    coSignDeadline: iso(row.co_sign_deadline)!,
    coSignedAt: iso(row.co_signed_at),
    decision:
      row.decision === null
        ? null
        : {
            decision: row.decision,
            decidedAt: iso(row.decided_at)!,
            reason: row.decision_reason,
            approver: { personId: row.approver_person_id, organisationId: row.approver_organisation_id },
            documentNumber: row.document_number,
            signedDocument: row.signed_document,
            revokedAt: iso(row.revoked_at),
            revocationReason: row.revocation_reason,
            ...(row.decision_rule_pack ? { rulePack: row.decision_rule_pack } : {}),
          },
    exports: (row.exports as ExportView[]).map((e) => ({ ...e, exportedAt: new Date(e.exportedAt).toISOString() })),
  };
}

/** The status history of requests: their own facts, then the approval decision and revocation. */
export async function attachHistory(pool: Pool, views: RequestView[]): Promise<RequestView[]> {
  if (views.length === 0) return views;
  const { rows } = await pool.query(
    `SELECT request_id, at, status, code, rule, reason, actor_person_id, rule_pack FROM rq_history WHERE request_id = ANY($1) ORDER BY at, status`,
    [views.map((v) => v.requestId)],
  );
  const byRequest = new Map<string, HistoryEntry[]>(views.map((v) => [v.requestId, []]));
  for (const r of rows) {
    byRequest.get(r.request_id)!.push(
      withoutUndefined<HistoryEntry>({
        status: r.status,
        at: r.at.toISOString(),
        code: r.code ?? undefined,
        rule: r.rule ?? undefined,
        reason: r.reason ?? undefined,
        by: r.actor_person_id ?? undefined,
        rulePack: r.rule_pack ?? undefined,
      }),
    );
  }
  for (const view of views) {
    const history = byRequest.get(view.requestId)!;
    const d = view.decision;
    if (d !== null) {
      history.push(withoutUndefined<HistoryEntry>({ status: d.decision, at: d.decidedAt, reason: d.reason ?? undefined, by: d.approver.personId, rulePack: d.rulePack }));
      if (d.revokedAt !== null) history.push(withoutUndefined<HistoryEntry>({ status: 'REVOKED', at: d.revokedAt, reason: d.revocationReason ?? undefined }));
    }
    history.sort((a, b) => a.at.localeCompare(b.at));
    view.history = history;
  }
  return views;
}
