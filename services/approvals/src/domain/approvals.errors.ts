import { domainError, DomainError } from '@custos/domain';

/** Refusals that depend on a case's state or the registry's answer; the rest come from the domain catalogue. */
export const APPROVALS_ERROR_STATUS: Readonly<Record<string, 400 | 403 | 409>> = {
  CUSTOS_R17_1_UNKNOWN_ORGANISATION: 403,
  CUSTOS_R26_1_CASE_ALREADY_DECIDED: 409,
  CUSTOS_R18_5_NOT_REVOCABLE: 409,
  CUSTOS_R18_5_VALIDITY_INVALID: 400,
};

export const approvalsErrors = {
  unknownOrganisation: (organisationId: string): DomainError =>
    domainError('CUSTOS_R17_1_UNKNOWN_ORGANISATION', 'R17.1', "the approver's organisation is not in the registry", { organisationId }),
  caseNotOpen: (requestId: string, status: string): DomainError =>
    domainError(
      'CUSTOS_R26_1_CASE_ALREADY_DECIDED',
      'R26.1',
      'the case is no longer open: a decision is contested by review, not decided again',
      { requestId, status },
    ),
  notRevocable: (number: string, status: string): DomainError =>
    domainError('CUSTOS_R18_5_NOT_REVOCABLE', 'R18.5', 'only an issued, unrevoked approval document can be revoked', { number, status }),
  validityInvalid: (validUntil: string, problem: string): DomainError =>
    domainError('CUSTOS_R18_5_VALIDITY_INVALID', 'R18.5', `the requested validity is not allowed: ${problem}`, { validUntil }),
};
