import { Principal } from '@custos/auth';
import {
  ApprovalRule,
  assertCompetentApprover,
  Organisation,
  RulePack,
  RulePackConfig,
  selectRulePackForRequest,
  underRulePack,
  unregisteredApproverRefusal,
  withRulePack,
} from '@custos/domain';
import { ApprovalCase } from '../domain/approval-case.aggregate';
import { ApprovalsRegistryFacts } from '../registry/registry-facts.port';
import { refuse } from './refusal';

/**
 * Whether the caller may decide this case at `at`: it is still open (a decided, revoked or
 * withdrawn case refuses any decision), and (R17.2–R17.4, CN2025-USE, R27.1), under the
 * rule pack of the systems' place at that instant (issue 21), which it returns for the
 * decision's event and which a refusal carries: the organ they act for (from the registry, not
 * the token) is competent on the case's route, they are its head at that instant, and they
 * neither filed nor co-signed the request.
 */
export async function assertMayDecide(
  facts: ApprovalsRegistryFacts,
  principal: Principal,
  approvalCase: ApprovalCase,
  at: Date,
  rulePacks: RulePackConfig,
): Promise<{ org: Organisation; rule: ApprovalRule; pack: RulePack }> {
  const notOpen = approvalCase.assertOpen();
  if (notOpen) refuse(notOpen);
  const request = approvalCase.request;
  const pack = selectRulePackForRequest(
    { systemDivisionCodes: request.systemDivisionCodes, requesterDivisionCode: request.requesterOrg.divisionCode },
    at,
    rulePacks,
  );
  if (!pack.ok) refuse(pack.error);
  // Both asked at once (the registry is keyed by the same organ id); judged in this order.
  const headTerms = facts.headTerms(principal.organisationId);
  headTerms.catch(() => undefined);
  const org = await facts.organisation(principal.organisationId);
  if (org === undefined) refuse(withRulePack(unregisteredApproverRefusal(approvalCase.opened!.route.rule as ApprovalRule, principal.organisationId), pack.value));
  const competent = underRulePack(
    assertCompetentApprover({
      request,
      approver: { personId: principal.personId, org, headTerms: await headTerms },
      at,
      signerPersonIds: approvalCase.opened!.signerPersonIds,
      pack: pack.value,
    }),
    pack.value,
  );
  if (!competent.ok) refuse(competent.error);
  return { org, rule: competent.value.rule, pack: pack.value };
}
