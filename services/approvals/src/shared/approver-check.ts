import { Principal } from '@custos/auth';
import { ApprovalRule, assertCompetentApprover, Organisation, unregisteredApproverRefusal } from '@custos/domain';
import { ApprovalCase } from '../domain/approval-case.aggregate';
import { ApprovalsRegistryFacts } from '../registry/registry-facts.port';
import { refuse } from './refusal';

/**
 * Whether the caller may decide this case at `at` (R17.2–R17.4, R27.1): the organ they act for
 * (from the registry, not the token) is competent on the case's route, they are its head at
 * that instant, and they neither filed nor co-signed the request.
 */
export async function assertMayDecide(
  facts: ApprovalsRegistryFacts,
  principal: Principal,
  approvalCase: ApprovalCase,
  at: Date,
): Promise<{ org: Organisation; rule: ApprovalRule }> {
  const org = await facts.organisation(principal.organisationId);
  if (org === undefined) refuse(unregisteredApproverRefusal(approvalCase.opened!.route.rule as ApprovalRule, principal.organisationId));
  const competent = assertCompetentApprover({
    request: approvalCase.request,
    approver: { personId: principal.personId, org, headTerms: await facts.headTerms(org.id) },
    at,
    signerPersonIds: approvalCase.opened!.signerPersonIds,
  });
  if (!competent.ok) refuse(competent.error);
  return { org, rule: competent.value.rule };
}
