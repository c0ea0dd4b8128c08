import { APPROVAL_RULE_CODES, ApprovalRule, DomainError, domainErrorOf } from '@custos/domain';

/**
 * The approval cases' refusals with the facts they rest on. Every code, with its rule, status
 * and reason, is defined once in the domain's `ERROR_CATALOGUE` (R26.1).
 */
export const approvalsErrors = {
  /** Cites the rule of the case's route: deciding is the step R17.2, R17.3 or R17.4 governs. */
  caseNotOpen: (rule: ApprovalRule, requestId: string, status: string): DomainError =>
    domainErrorOf(APPROVAL_RULE_CODES[rule].caseNotOpen, { requestId, status }),
  notRevocable: (number: string, status: string): DomainError => domainErrorOf('CUSTOS_R18_5_NOT_REVOCABLE', { number, status }),
  validityInvalid: (validUntil: string, problem: string): DomainError =>
    domainErrorOf('CUSTOS_R18_5_VALIDITY_INVALID', { validUntil, problem }, `the requested validity is not allowed: ${problem}`),
};
