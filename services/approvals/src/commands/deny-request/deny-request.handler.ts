import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResolvedApprovalsOptions } from '../../approvals.options';
import { APPROVALS_OPTIONS } from '../../approvals.tokens';
import { ApprovalCases } from '../../domain/approval-cases.port';
import { APPROVALS_REGISTRY_FACTS, ApprovalsRegistryFacts } from '../../registry/registry-facts.port';
import { assertMayDecide } from '../../shared/approver-check';
import { changeApprovalCase } from '../../shared/refusal';
import { DenyRequestCommand } from './deny-request.command';

/**
 * A competent head denies, citing the rule (and optionally another law's provision) the denial
 * rests on and the reason the officers see (R26.1); the same competence as approving.
 */
@CommandHandler(DenyRequestCommand)
export class DenyRequestHandler implements ICommandHandler<DenyRequestCommand, { requestId: string; status: 'DENIED' }> {
  constructor(
    private readonly cases: ApprovalCases,
    @Inject(APPROVALS_REGISTRY_FACTS) private readonly facts: ApprovalsRegistryFacts,
    @Inject(APPROVALS_OPTIONS) private readonly options: ResolvedApprovalsOptions,
  ) {}

  async execute({ principal, requestId, reason, basis }: DenyRequestCommand): Promise<{ requestId: string; status: 'DENIED' }> {
    const now = this.options.clock();
    return changeApprovalCase(this.cases, principal, requestId, async (approvalCase) => {
      const { org, pack } = await assertMayDecide(this.facts, principal, approvalCase, now, this.options.rulePacks);
      approvalCase.deny({ personId: principal.personId, organisationId: org.id }, basis, reason, now, pack);
      return { requestId, status: 'DENIED' as const };
    });
  }
}
