import { assertOrganisation } from '@custos/auth';
import { APPROVAL_RULE_CODES, ApprovalRule, domainErrorOf, isHeadAt } from '@custos/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResolvedApprovalsOptions } from '../../approvals.options';
import { APPROVALS_OPTIONS } from '../../approvals.tokens';
import { ApprovalCases } from '../../domain/approval-cases.port';
import { APPROVALS_REGISTRY_FACTS, ApprovalsRegistryFacts } from '../../registry/registry-facts.port';
import { changeApprovalCase, refuse } from '../../shared/refusal';
import { RevokeDocumentCommand } from './revoke-document.command';

/**
 * The head of the issuing organ revokes an approval document (R18.5): from then on it fails
 * verification, and the number is on the organ's revocation list.
 */
@CommandHandler(RevokeDocumentCommand)
export class RevokeDocumentHandler implements ICommandHandler<RevokeDocumentCommand, { requestId: string; number: string; status: 'REVOKED' }> {
  constructor(
    private readonly cases: ApprovalCases,
    @Inject(APPROVALS_REGISTRY_FACTS) private readonly facts: ApprovalsRegistryFacts,
    @Inject(APPROVALS_OPTIONS) private readonly options: ResolvedApprovalsOptions,
  ) {}

  async execute({ principal, requestId, reason }: RevokeDocumentCommand): Promise<{ requestId: string; number: string; status: 'REVOKED' }> {
    const now = this.options.clock();
    return changeApprovalCase(this.cases, principal, requestId, async (approvalCase) => {
      const issuer = approvalCase.granted?.approver.organisationId;
      if (issuer !== undefined) {
        assertOrganisation(principal, issuer);
        if (!isHeadAt(await this.facts.headTerms(issuer), principal.personId, issuer, now)) {
          const rule = approvalCase.granted!.rule as ApprovalRule;
          refuse(domainErrorOf(APPROVAL_RULE_CODES[rule].headTermNotActive, { personId: principal.personId, approverOrgId: issuer, at: now.toISOString() }));
        }
      }
      const refused = approvalCase.revoke(principal.personId, reason, now);
      if (refused) refuse(refused);
      return { requestId, number: approvalCase.documentNumber!, status: 'REVOKED' as const };
    });
  }
}
