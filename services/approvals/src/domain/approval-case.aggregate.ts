import {
  APPROVAL_CASE_CLOSED,
  APPROVAL_CASE_OPENED,
  APPROVAL_DENIED,
  APPROVAL_DOCUMENT_REVOKED,
  APPROVAL_GRANTED,
  ApprovalCaseOpened,
  ApprovalDenied,
  ApprovalGranted,
  RevocationCause,
} from '@custos/contracts';
import {
  ApprovalRequest,
  ApprovalRule,
  DomainError,
  Organisation,
  OrganisationLevel,
  OrganisationType,
  RequestKind,
  presentedApprovalDocument,
  RulePackRef,
  rulePackRefOf,
  SignedApprovalDocument,
} from '@custos/domain';
import { DomainEvent, EventSourcedAggregate } from '@custos/eventstore';
import { approvalsErrors } from './approvals.errors';

export type CaseStatus = 'OPEN' | 'APPROVED' | 'DENIED' | 'CLOSED';

/**
 * An approval case (R17.2–R17.4): opened when a copy, retrieval or direct access is co-signed,
 * decided once by a competent head, approved with a signed document (R18.5) that can later
 * be revoked. Competence is checked by the caller with `assertCompetentApprover`; the case
 * guards its own state.
 */
export class ApprovalCase extends EventSourcedAggregate {
  status?: CaseStatus;
  opened?: ApprovalCaseOpened;
  granted?: ApprovalGranted;
  revoked = false;

  static open(requestId: string, facts: ApprovalCaseOpened): ApprovalCase {
    const c = new ApprovalCase(requestId);
    c.record(APPROVAL_CASE_OPENED, facts);
    return c;
  }

  get request(): ApprovalRequest {
    const o = this.opened!.requestingOrganisation;
    const requesterOrg: Organisation = {
      id: o.id,
      type: o.type as OrganisationType,
      level: o.level as OrganisationLevel,
      divisionCode: o.divisionCode,
    };
    const systemDivisionCodes = this.opened!.route.systemDivisionCodes;
    return { kind: this.opened!.kind as RequestKind, requesterOrg, ...(systemDivisionCodes ? { systemDivisionCodes } : {}) };
  }

  assertOpen(): DomainError | null {
    return this.status === 'OPEN' ? null : approvalsErrors.caseNotOpen(this.opened!.route.rule as ApprovalRule, this.id, this.status ?? 'NONE');
  }

  /** Approves, recording the rule and the rule pack the decision applied (issue 21). */
  grant(rule: string, approver: { personId: string; organisationId: string }, signed: SignedApprovalDocument, at: Date, pack?: RulePackRef): void {
    this.record(APPROVAL_GRANTED, {
      requestId: this.id,
      rule,
      approver,
      signedDocument: { ...signed },
      ownerOrganisationIds: this.opened!.ownerOrganisationIds,
      decidedAt: at.toISOString(),
      ...(pack ? { rulePack: rulePackRefOf(pack) } : {}),
    });
  }

  deny(
    approver: { personId: string; organisationId: string },
    basis: { rule: string; legalBasis?: string },
    reason: string,
    at: Date,
    pack?: RulePackRef,
  ): void {
    const payload: ApprovalDenied = {
      requestId: this.id,
      approver,
      ...basis,
      reason,
      decidedAt: at.toISOString(),
      ...(pack ? { rulePack: rulePackRefOf(pack) } : {}),
    };
    this.record(APPROVAL_DENIED, payload, 2);
  }

  /** Closes an undecided case whose request was withdrawn; false when already decided. */
  closeIfOpen(reason: string, at: Date): boolean {
    if (this.status !== 'OPEN') return false;
    this.record(APPROVAL_CASE_CLOSED, { requestId: this.id, reason, closedAt: at.toISOString() });
    return true;
  }

  revoke(revokedBy: string, reason: string, at: Date, cause: RevocationCause = 'REVOKED_BY_ISSUER'): DomainError | null {
    const number = this.documentNumber ?? '';
    if (this.status !== 'APPROVED' || this.revoked) return approvalsErrors.notRevocable(number, this.revoked ? 'REVOKED' : this.status ?? 'NONE');
    const documentId = this.signedDocument?.document.documentId;
    this.record(APPROVAL_DOCUMENT_REVOKED, {
      requestId: this.id,
      number,
      ...(documentId ? { documentId } : {}),
      cause,
      issuingOrganisationId: this.granted!.approver.organisationId,
      revokedBy,
      reason,
      revokedAt: at.toISOString(),
    });
    return null;
  }

  /**
   * A withdrawn request revokes its document at once (R18.5): a copy must not be exported or
   * handed over on a request its officers have abandoned. False when there is nothing to revoke.
   */
  revokeOnWithdrawal(withdrawnBy: string, at: Date): boolean {
    if (this.status !== 'APPROVED' || this.revoked) return false;
    return this.revoke(withdrawnBy, 'the request was withdrawn', at, 'REQUEST_WITHDRAWN') === null;
  }

  get documentNumber(): string | undefined {
    return this.signedDocument?.document.number;
  }

  private get signedDocument(): SignedApprovalDocument | undefined {
    return this.granted && presentedApprovalDocument(this.granted.signedDocument);
  }

  protected onApprovalCaseOpened(e: DomainEvent<ApprovalCaseOpened>): void {
    this.opened = e.payload;
    this.status = 'OPEN';
  }

  protected onApprovalGranted(e: DomainEvent<ApprovalGranted>): void {
    this.granted = e.payload;
    this.status = 'APPROVED';
  }

  protected onApprovalDenied(): void {
    this.status = 'DENIED';
  }

  protected onApprovalCaseClosed(): void {
    this.status = 'CLOSED';
  }

  protected onApprovalDocumentRevoked(): void {
    this.revoked = true;
  }
}
