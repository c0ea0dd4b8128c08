import { domainError, DomainError } from './result';

/**
 * Suggested HTTP status of a code, so that every service answers the same way:
 * 400 the input is malformed or inconsistent, 403 the regulation forbids it,
 * 409 it conflicts with what already exists. `null` marks a finding: it is recorded for
 * oversight (R19.1, R22.1–R25.1) and refuses nothing.
 */
export type SuggestedHttpStatus = 400 | 403 | 409 | null;

export interface ErrorSpec {
  /** The rule ID of REGULATION.md the code cites; the code's name starts with it. */
  readonly rule: string;
  readonly httpStatus: SuggestedHttpStatus;
  /** The default human reason; callers may give a more specific one. */
  readonly reason: string;
}

const CASE_NOT_OPEN =
  'the case is no longer open: the head decided it once (an approval changes only by revoking its document) or the request was withdrawn';

/**
 * Every error code of the domain. Codes are stable: services, clients and the audit ledger
 * key on them, so a code is never renamed or reused for another meaning.
 *
 * Choice: self-approval cites R27.1 (abuse of power, favouritism by officials) rather than
 * R26.1, because R26.1 is the party's right to contest a decision, which every DomainError
 * serves by carrying its rule and reason; approving one's own filing is the conflict of
 * interest R27.1 punishes.
 */
export const ERROR_CATALOGUE = {
  CUSTOS_R5_1_INVALID_DIVISION_CODE: {
    rule: 'R5.1',
    httpStatus: 400,
    reason: 'not a GB/T 2260 administrative division code of 6, 9 or 12 digits',
  },
  CUSTOS_R5_1_LEVEL_BELOW_DIVISION: {
    rule: 'R5.1',
    httpStatus: 400,
    reason:
      "a county-level or higher organ carries its own division's code: a lower organ with a higher division's code would gain that division's jurisdiction",
  },
  CUSTOS_R5_1_LEVEL_ABOVE_DIVISION: {
    rule: 'R5.1',
    httpStatus: 400,
    reason: "an organisation's level cannot be above the level of its administrative division",
  },
  CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION: {
    rule: 'R8.1',
    httpStatus: 403,
    reason: 'cameras are forbidden in this kind of place (Article 8)',
  },
  CUSTOS_R11_1_SIGNAGE_MISSING: {
    rule: 'R11.1',
    httpStatus: null,
    reason: 'an image system in a public place shows no conspicuous sign',
  },
  CUSTOS_R15_1_LATE_REPORT: {
    rule: 'R15.1',
    httpStatus: null,
    reason: 'a change or removal of facilities was reported more than 30 days after it happened',
  },
  CUSTOS_R15_1_NO_COUNTY_PSB: {
    rule: 'R15.1',
    httpStatus: 409,
    reason: 'no county-level public security organ is registered where the system stands to receive the report',
  },
  CUSTOS_R15_1_NOT_THE_ADDRESSEE: {
    rule: 'R15.1',
    httpStatus: 403,
    reason: 'only the public security organ a change report is addressed to acknowledges it',
  },
  CUSTOS_R15_1_ALREADY_ACKNOWLEDGED: {
    rule: 'R15.1',
    httpStatus: 409,
    reason: 'the change report has been acknowledged already',
  },
  CUSTOS_R16_3_ORIGINAL_IMMUTABLE: {
    rule: 'R16.3',
    httpStatus: 409,
    reason: 'original records are never deleted or altered',
  },
  CUSTOS_R16_7_RETENTION_TOO_SHORT: {
    rule: 'R16.7',
    httpStatus: 400,
    reason: 'footage must be kept for at least 30 days',
  },
  CUSTOS_R16_7_FOOTAGE_HELD: {
    rule: 'R16.7',
    httpStatus: 409,
    reason: 'footage of this camera and window is held: it is exported or viewed, not answered "not held"',
  },
  CUSTOS_R17_1_REQUESTER_NOT_ALLOWED: {
    rule: 'R17.1',
    httpStatus: 403,
    reason:
      'only public security, state security and other administrative departments may view, copy or retrieve footage',
  },
  CUSTOS_R17_1_NO_APPROVAL_REQUIRED: {
    rule: 'R17.1',
    httpStatus: 409,
    reason: 'viewing needs no approval, so there is nothing to approve',
  },
  CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN: {
    rule: 'R17.2',
    httpStatus: 403,
    reason:
      'a copy or retrieval by a state security organ is approved by the head of that organ only',
  },
  CUSTOS_R17_2_HEAD_TERM_NOT_ACTIVE: {
    rule: 'R17.2',
    httpStatus: 403,
    reason: 'the approver was not head of the state security organ at the time of approval',
  },
  CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB: {
    rule: 'R17.3',
    httpStatus: 403,
    reason:
      'a copy or retrieval by a public security organ or another administrative department is approved by the head of a public security organ',
  },
  CUSTOS_R17_3_APPROVER_BELOW_COUNTY: {
    rule: 'R17.3',
    httpStatus: 403,
    reason: 'the approving public security organ must be at county level or above',
  },
  CUSTOS_R17_3_OUTSIDE_JURISDICTION: {
    rule: 'R17.3',
    httpStatus: 403,
    reason: "the approving public security organ's jurisdiction does not cover the requesting unit",
  },
  CUSTOS_R17_3_HEAD_TERM_NOT_ACTIVE: {
    rule: 'R17.3',
    httpStatus: 403,
    reason: 'the approver was not head of the public security organ at the time of approval',
  },
  CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED: {
    rule: 'R17.4',
    httpStatus: 403,
    reason:
      'only public security and state security organs may connect to or directly use a system',
  },
  CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN: {
    rule: 'R17.4',
    httpStatus: 403,
    reason:
      "direct access is approved within the requester's own hierarchy: by the head of a public security organ for public security, of a state security organ for state security",
  },
  CUSTOS_R17_4_APPROVER_BELOW_COUNTY: {
    rule: 'R17.4',
    httpStatus: 403,
    reason: 'the organ approving direct access must be at county level or above',
  },
  CUSTOS_R17_4_OUTSIDE_JURISDICTION: {
    rule: 'R17.4',
    httpStatus: 403,
    reason: "the approving organ's jurisdiction does not cover the requesting organ",
  },
  CUSTOS_R17_4_HEAD_TERM_NOT_ACTIVE: {
    rule: 'R17.4',
    httpStatus: 403,
    reason: 'the approver was not head of the approving organ at the time of approval',
  },
  CUSTOS_R17_4_GRANT_ALREADY_ENDED: {
    rule: 'R17.4',
    httpStatus: 400,
    reason: 'a direct-access grant must not end in the past',
  },
  CUSTOS_R17_4_GRANT_TOO_LONG: {
    rule: 'R17.4',
    httpStatus: 400,
    reason: 'a direct-access grant is time-boxed and this one is longer than allowed',
  },
  CUSTOS_R17_5_FEE_FORBIDDEN: {
    rule: 'R17.5',
    httpStatus: 403,
    reason: 'no fee may be charged for viewing, copying or retrieving footage',
  },
  CUSTOS_R18_1_SECOND_OFFICER_REQUIRED: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'at least two law-enforcement officers are required',
  },
  CUSTOS_R18_1_SAME_OFFICER_TWICE: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'the two officers must be two different persons with two different credentials',
  },
  CUSTOS_R18_1_DIFFERENT_ORGAN: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'the officers must all belong to the requesting organ (policy officersOfOneOrgan)',
  },
  CUSTOS_R18_2_QUALIFICATION_INVALID: {
    rule: 'R18.2',
    httpStatus: 403,
    reason: "an officer's law-enforcement qualification is not valid at the time of access",
  },
  CUSTOS_R16_2_NOT_AN_OWNER: {
    rule: 'R16.2',
    httpStatus: 400,
    reason: "operators are an owner's monitoring and management staff: the organisation is not an owner",
  },
  CUSTOS_R16_2_TRAINING_DATE_INVALID: {
    rule: 'R16.2',
    httpStatus: 400,
    reason: 'a training is completed on a calendar day (YYYY-MM-DD)',
  },
  CUSTOS_R16_2_TRAINING_IN_FUTURE: {
    rule: 'R16.2',
    httpStatus: 400,
    reason: 'a training cannot be recorded as completed on a day that has not yet come',
  },
  CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN: {
    rule: 'R18.2',
    httpStatus: 403,
    reason: 'the officer did not show a law-enforcement credential for this act',
  },
  CUSTOS_R18_2_CREDENTIAL_MISMATCH: {
    rule: 'R18.2',
    httpStatus: 403,
    reason: 'the credential shown is not the one the registry holds for this officer',
  },
  CUSTOS_R18_4_WINDOW_EMPTY: {
    rule: 'R18.4',
    httpStatus: 400,
    reason: 'a time window must start before it ends',
  },
  CUSTOS_R18_4_WINDOW_IN_FUTURE: {
    rule: 'R18.4',
    httpStatus: 400,
    reason: 'recorded footage cannot be requested for a time that has not yet come',
  },
  CUSTOS_R18_5_DOCUMENT_MALFORMED: {
    rule: 'R18.5',
    httpStatus: 400,
    reason: 'the approval document is malformed',
  },
  CUSTOS_R18_5_SIGNATURE_INVALID: {
    rule: 'R18.5',
    httpStatus: 403,
    reason:
      'the approval document signature does not verify: it was altered or signed by another key',
  },
  CUSTOS_R18_5_REVOKED: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'the approval document has been revoked',
  },
  CUSTOS_R18_5_NOT_YET_VALID: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'the approval document is not yet valid',
  },
  CUSTOS_R18_5_EXPIRED: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'the approval document has expired',
  },
  CUSTOS_R18_5_OUT_OF_SCOPE: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'the approval document does not cover what is asked for',
  },
  CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'the approval document authorises another organ: only its officers may take the footage',
  },
  CUSTOS_R18_5_WRONG_KIND: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'the approval document authorises another kind of access',
  },
  CUSTOS_R27_1_SELF_APPROVAL: {
    rule: 'R27.1',
    httpStatus: 403,
    reason: 'nobody may approve a request they filed or co-signed',
  },
  // The requests' and approvals' refusals that depend on a request's or case's state or on the
  // registry's answer: defined here too, so that every code has one entry (rule, status, reason).
  CUSTOS_R17_1_UNKNOWN_ORGANISATION: {
    rule: 'R17.1',
    httpStatus: 403,
    reason:
      'the requesting organisation is not in the registry, so it is not known to be an organ that may use footage',
  },
  CUSTOS_R18_2_UNKNOWN_OFFICER: {
    rule: 'R18.2',
    httpStatus: 403,
    reason: 'the officer is not a registered law-enforcement officer',
  },
  CUSTOS_R18_2_NOT_AN_OFFICER_OF_ORGAN: {
    rule: 'R18.2',
    httpStatus: 403,
    reason: 'the officer does not belong to the organ the caller acts for',
  },
  CUSTOS_R16_5_UNKNOWN_CAMERA: {
    rule: 'R16.5',
    httpStatus: 400,
    reason: 'no such camera in the registry: no owner could fulfil a request for its footage',
  },
  CUSTOS_R18_1_NOT_AWAITING_CO_SIGNATURE: {
    rule: 'R18.1',
    httpStatus: 409,
    reason: 'the request is not waiting for a second officer',
  },
  CUSTOS_R18_1_CO_SIGNATURE_EXPIRED: {
    rule: 'R18.1',
    httpStatus: 409,
    reason: 'the time for a second officer to co-sign has passed',
  },
  CUSTOS_R18_1_NOT_A_SIGNER: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'only an officer who signed the request may withdraw it',
  },
  CUSTOS_R18_3_REQUEST_CLOSED: {
    rule: 'R18.3',
    httpStatus: 409,
    reason: 'the request is already closed',
  },
  CUSTOS_R17_5_NOT_AN_OWNER: {
    rule: 'R17.5',
    httpStatus: 403,
    reason: "the caller's organisation owns none of the systems this request targets",
  },
  CUSTOS_R17_2_CASE_NOT_OPEN: {
    rule: 'R17.2',
    httpStatus: 409,
    reason: CASE_NOT_OPEN,
  },
  CUSTOS_R17_3_CASE_NOT_OPEN: {
    rule: 'R17.3',
    httpStatus: 409,
    reason: CASE_NOT_OPEN,
  },
  CUSTOS_R17_4_CASE_NOT_OPEN: {
    rule: 'R17.4',
    httpStatus: 409,
    reason: CASE_NOT_OPEN,
  },
  CUSTOS_R18_5_NOT_REVOCABLE: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'only an issued, unrevoked approval document can be revoked',
  },
  CUSTOS_R18_5_VALIDITY_INVALID: {
    rule: 'R18.5',
    httpStatus: 400,
    reason: 'the requested validity of the approval document is not allowed',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Every code as a constant (`ErrorCode.CUSTOS_R17_5_FEE_FORBIDDEN`), for services and clients. */
export const ErrorCode: { readonly [K in ErrorCode]: K } = Object.freeze(
  Object.fromEntries(Object.keys(ERROR_CATALOGUE).map((code) => [code, code])) as {
    [K in ErrorCode]: K;
  },
);

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}

/** The status a service should answer with; `undefined` for a code the domain does not know. */
export function httpStatusOf(code: string): SuggestedHttpStatus | undefined {
  return isErrorCode(code) ? ERROR_CATALOGUE[code].httpStatus : undefined;
}

/** Builds the error value of a catalogued code, so that its rule ID can never disagree. */
export function domainErrorOf(
  code: ErrorCode,
  details?: Record<string, unknown>,
  message?: string,
): DomainError {
  const spec = ERROR_CATALOGUE[code];
  return domainError(code, spec.rule, message ?? spec.reason, details);
}
