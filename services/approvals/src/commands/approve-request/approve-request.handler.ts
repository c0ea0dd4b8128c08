import {
  ApprovalDocument,
  ApprovalDocumentKind,
  approvalYearOf,
  domainErrorOf,
  formatApprovalDocumentNumber,
  parseDivisionCode,
  rulePackRefOf,
  signApprovalDocument,
} from '@custos/domain';
import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResolvedApprovalsOptions } from '../../approvals.options';
import { APPROVALS_OPTIONS } from '../../approvals.tokens';
import { ApprovalCases } from '../../domain/approval-cases.port';
import { ApprovalDocumentNumbers, ApprovalSigningKeys } from '../../domain/approval-signing.port';
import { approvalsErrors } from '../../domain/approvals.errors';
import { APPROVALS_REGISTRY_FACTS, ApprovalsRegistryFacts } from '../../registry/registry-facts.port';
import { assertMayDecide } from '../../shared/approver-check';
import { changeApprovalCase, refuse } from '../../shared/refusal';
import { ApproveRequestCommand, ApproveRequestResult } from './approve-request.command';

/**
 * A competent head approves (R17.2–R17.4): the approval document gets its own id, the next
 * number of the organ's series for the year, the requesting organ, the request, its case
 * reference, purpose, filing and co-signing officers and scope, a validity period and the
 * signer, and is
 * signed with the organ's Ed25519 key over RFC 8785 canonical JSON (R18.5). Counter, key,
 * event and queue change in one transaction.
 */
@CommandHandler(ApproveRequestCommand)
export class ApproveRequestHandler implements ICommandHandler<ApproveRequestCommand, ApproveRequestResult> {
  constructor(
    private readonly cases: ApprovalCases,
    private readonly keys: ApprovalSigningKeys,
    private readonly numbers: ApprovalDocumentNumbers,
    @Inject(APPROVALS_REGISTRY_FACTS) private readonly facts: ApprovalsRegistryFacts,
    @Inject(APPROVALS_OPTIONS) private readonly options: ResolvedApprovalsOptions,
  ) {}

  async execute({ principal, requestId, validUntil }: ApproveRequestCommand): Promise<ApproveRequestResult> {
    const now = this.options.clock();
    return changeApprovalCase(this.cases, principal, requestId, async (approvalCase, tx) => {
      const { org, rule, pack } = await assertMayDecide(this.facts, principal, approvalCase, now, this.options.rulePacks);

      const opened = approvalCase.opened!;
      const until = this.validUntil(opened.kind, opened.window.to, validUntil, now);
      const year = approvalYearOf(now);
      const sequence = await this.numbers.nextSequence(tx, org.id, year);
      const division = parseDivisionCode(org.divisionCode);
      const divisionCode = division.ok ? division.value.code : org.divisionCode;
      const [filer, coSigner] = opened.signerPersonIds;
      const document: ApprovalDocument = {
        documentId: randomUUID(),
        number: formatApprovalDocumentNumber(divisionCode, await this.numbers.organSerial(tx, org.id, divisionCode), year, sequence),
        issuingOrganisationId: org.id,
        requestId,
        requestingOrganisationId: opened.requestingOrganisation.id,
        caseReference: opened.caseReference,
        purpose: opened.purpose,
        filedBy: { personId: filer },
        coSignedBy: { personId: coSigner },
        kind: opened.kind as ApprovalDocumentKind,
        scope: { imageSystemIds: opened.imageSystemIds, cameraIds: opened.cameraIds, window: opened.window },
        validFrom: now.toISOString(),
        validUntil: until,
        signer: { personId: principal.personId, organisationId: org.id },
        issuedAt: now.toISOString(),
        // The text the approval was decided under, signed with it (issue 21).
        rulePack: rulePackRefOf(pack),
      };
      const key = await this.keys.signingKey(org.id, tx);
      const signed = signApprovalDocument(document, key.privateKey);
      if (!signed.ok) refuse(signed.error);
      approvalCase.grant(rule, { personId: principal.personId, organisationId: org.id }, signed.value, now, pack);
      return { requestId, status: 'APPROVED' as const, rule, signedDocument: signed.value };
    });
  }

  /** A direct-access approval ends with its grant (R17.4); others with the asked or default validity. */
  private validUntil(kind: string, windowTo: string, asked: string | undefined, now: Date): string {
    if (kind === 'DIRECT_ACCESS' && Date.parse(windowTo) <= now.getTime()) {
      refuse(domainErrorOf('CUSTOS_R17_4_GRANT_ALREADY_ENDED', { grantEnd: windowTo, now: now.toISOString() }));
    }
    if (asked === undefined) {
      return kind === 'DIRECT_ACCESS' ? new Date(windowTo).toISOString() : new Date(now.getTime() + this.options.documentValidityMs).toISOString();
    }
    const until = new Date(asked);
    if (until.getTime() <= now.getTime()) refuse(approvalsErrors.validityInvalid(asked, 'it ends before it starts'));
    if (until.getTime() - now.getTime() > this.options.maxDocumentValidityMs) refuse(approvalsErrors.validityInvalid(asked, 'it is longer than allowed'));
    if (kind === 'DIRECT_ACCESS' && until.getTime() > Date.parse(windowTo)) refuse(approvalsErrors.validityInvalid(asked, 'it outlasts the direct-access grant'));
    return until.toISOString();
  }
}
