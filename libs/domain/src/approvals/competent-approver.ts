import { domainErrorOf } from '../errors';
import { HeadTerm, isHeadAt } from '../organisation/head-term';
import { Organisation } from '../organisation/organisation';
import { err, ok, Result } from '../result';
import { RulePack } from '../rule-packs/rule-pack';
import {
  APPROVAL_RULE_CODES,
  ApprovalRequest,
  ApprovalRule,
  approverOrganisationRefusal,
  routeApprovalCase,
} from './approval-route';

export interface Approver {
  readonly personId: string;
  readonly org: Organisation;
  /** Head terms of the approver's organ (others are ignored). */
  readonly headTerms: readonly HeadTerm[];
}

export interface ApprovalDecision {
  readonly request: ApprovalRequest;
  readonly approver: Approver;
  /** The instant of approval; head terms are judged then, not now. */
  readonly at: Date;
  /** The filer and co-signer of the request. */
  readonly signerPersonIds: readonly string[];
  /** The rule pack governing the decision (place and instant, `selectRulePack`); default SX2012. */
  readonly pack?: RulePack;
}

/**
 * Whether this person may approve this request at `at` (R17.2, R17.3, R17.4, R27.1): the
 * request must need approval and be one the requester may file; the approver must not have
 * filed or co-signed it (R27.1: nobody approves their own request, even a competent head);
 * their organ must be competent on the case's route; and they must be that organ's head at
 * the instant of approval. Returns the rule that authorised the approval, for the approval
 * document and the ledger.
 */
export function assertCompetentApprover(
  decision: ApprovalDecision,
): Result<{ rule: ApprovalRule }> {
  const { request, approver, at, signerPersonIds, pack } = decision;
  const route = routeApprovalCase(request, pack);
  if (!route.ok) return route;

  if (signerPersonIds.includes(approver.personId)) {
    return err(domainErrorOf('CUSTOS_R27_1_SELF_APPROVAL', { personId: approver.personId }));
  }

  const refusal = approverOrganisationRefusal(route.value, approver.org);
  if (refusal !== null) return err(refusal);

  if (!isHeadAt(approver.headTerms, approver.personId, approver.org.id, at)) {
    return err(
      domainErrorOf(APPROVAL_RULE_CODES[route.value.rule].headTermNotActive, {
        personId: approver.personId,
        approverOrgId: approver.org.id,
        at: at.toISOString(),
      }),
    );
  }
  return ok({ rule: route.value.rule });
}
