import { RuleId } from './regulation-rules';
import { domainError, DomainError } from './result';

/**
 * The HTTP status of a code, so that every service answers the same way (the platform's
 * DomainException reads it here, nowhere else): 400 the input is malformed or inconsistent,
 * 401 a capability link is not genuine or has expired, 403 the regulation forbids it, 404 it
 * does not exist or is not visible to the caller (R3.1), 409 it conflicts with what already
 * exists or the state it is in, 415 the body is not of the kind accepted, 416 the byte range
 * cannot be served, 502 a neighbour did not supply what the answer needs. `null` marks a
 * finding: it is recorded for oversight (R19.1, R22.1–R25.1) and refuses nothing.
 */
export type SuggestedHttpStatus = 400 | 401 | 403 | 404 | 409 | 415 | 416 | 502 | 503 | null;

export interface ErrorSpec {
  /**
   * The rule ID of REGULATION.md the code cites; the code's name starts with it
   * (a code citing R17.3 starts `CUSTOS_R17_3_`, one citing CN2025-USE `CUSTOS_CN2025_USE_`). `null` for a check no rule demands (the
   * input's form, a register's bookkeeping): such a code starts with no rule ID.
   */
  readonly rule: RuleId | null;
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
  CUSTOS_R3_1_CLAIMED_ORGANISATION_NOT_IN_REGISTRY: {
    rule: 'R3.1',
    httpStatus: 403,
    reason: 'the token claims an organisation the registry does not hold for this person: organisation and jurisdiction come from the registry, not from the token alone',
  },
  CUSTOS_R5_1_CLAIMED_DIVISION_NOT_IN_REGISTRY: {
    rule: 'R5.1',
    httpStatus: 403,
    reason: "the token claims a division other than the registry's for its organisation: jurisdiction comes from the registry, not from the token alone",
  },
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
  CUSTOS_R7_1_NOT_A_MANDATORY_CATEGORY: {
    rule: 'R7.1',
    httpStatus: 400,
    reason: 'a mandatory site is of a category Article 7 lists (R7.1, R7.2); a voluntary system needs no site record',
  },
  CUSTOS_R7_1_NOT_A_COUNTY_PSB: {
    rule: 'R7.1',
    httpStatus: 403,
    reason: 'mandatory sites are recorded by the public security organ of county level or above responsible for them',
  },
  CUSTOS_R7_1_SITE_OUTSIDE_JURISDICTION: {
    rule: 'R7.1',
    httpStatus: 403,
    reason: "the site lies outside the recording public security organ's jurisdiction",
  },
  CUSTOS_R7_1_NOT_THE_RESPONSIBLE_PSB: {
    rule: 'R7.1',
    httpStatus: 403,
    reason: 'only the public security organ responsible for a mandatory site records what covers it',
  },
  CUSTOS_R7_1_SITE_NOT_FOUND: {
    rule: 'R7.1',
    httpStatus: 404,
    reason: 'no mandatory site of that id is recorded',
  },
  CUSTOS_R7_1_SYSTEM_OF_ANOTHER_CATEGORY: {
    rule: 'R7.1',
    httpStatus: 409,
    reason: "the system is not registered for the site's category, so it does not cover the site",
  },
  CUSTOS_R7_1_SYSTEM_ELSEWHERE: {
    rule: 'R7.1',
    httpStatus: 409,
    reason: 'the system stands in another division than the site',
  },
  CUSTOS_R7_1_COVERING_SYSTEM_REMOVED: {
    rule: 'R7.1',
    httpStatus: 409,
    reason: 'a removed system covers no site',
  },
  CUSTOS_R7_1_ALREADY_COVERED: {
    rule: 'R7.1',
    httpStatus: 409,
    reason: 'the site is covered by that system already',
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
  CUSTOS_R11_1_OBSERVED_IN_FUTURE: {
    rule: 'R11.1',
    httpStatus: 400,
    reason: 'a sign is recorded as observed, never ahead of time',
  },
  CUSTOS_R11_1_PHOTO_HASH_REQUIRED: {
    rule: 'R11.1',
    httpStatus: 400,
    reason: "a photo of the sign is recorded by the SHA-256 of its bytes (64 hexadecimal digits)",
  },
  CUSTOS_R11_1_INSPECTION_BY_PSB_ONLY: {
    rule: 'R11.1',
    httpStatus: 403,
    reason: "an inspection record of the sign is a public security organ's",
  },
  CUSTOS_R11_1_INSPECTION_REFERENCE_REQUIRED: {
    rule: 'R11.1',
    httpStatus: 400,
    reason: 'an inspection record of the sign names the inspection',
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
  CUSTOS_R17_2_HEAD_TERM_BACKDATED_WITHOUT_REASON: {
    rule: 'R17.2',
    httpStatus: 400,
    reason:
      'a head term that begins in the past would change who could approve at instants already decided: give a backdatingReason, which is recorded',
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
  // A training's day is checked for its form and plausibility: R16.2 demands training, not a
  // date format, so these cite no rule.
  CUSTOS_INPUT_TRAINING_DATE_INVALID: {
    rule: null,
    httpStatus: 400,
    reason: 'a training is completed on a calendar day (YYYY-MM-DD)',
  },
  CUSTOS_INPUT_TRAINING_IN_FUTURE: {
    rule: null,
    httpStatus: 400,
    reason: 'a training cannot be recorded as completed on a day that has not yet come',
  },
  CUSTOS_R18_1_VIEWER_OF_ANOTHER_ORGAN: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'only officers of the requesting organ may join its viewing session',
  },
  CUSTOS_R18_5_REQUESTING_ORGAN_MISMATCH: {
    rule: 'R18.5',
    httpStatus: 400,
    reason: 'the approval document names another requesting organ than the one stated: the document decides',
  },
  CUSTOS_R18_2_QUALIFICATION_BACKDATED_WITHOUT_REASON: {
    rule: 'R18.2',
    httpStatus: 400,
    reason:
      'a credential issued in the past would make accesses already refused or decided look qualified: give a backdatingReason, which is recorded',
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
  // Checks of the input's form: no rule demands that a window start before it ends, so they
  // cite none (they once cited R18.4, which is about the scope of an access, not its syntax).
  CUSTOS_INPUT_WINDOW_EMPTY: {
    rule: null,
    httpStatus: 400,
    reason: 'a time window must start before it ends',
  },
  CUSTOS_INPUT_WINDOW_IN_FUTURE: {
    rule: null,
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
  CUSTOS_R18_5_SIGNING_KEY_MISMATCH: {
    rule: 'R18.5',
    httpStatus: 503,
    reason: "the organ's stored public signing key is not the one its private key makes: nothing is signed until the operators restore the key",
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
  // Custody's refusals (evidence items, hand-overs, transfers, deliveries): they depend on an
  // item's state or the registry's answer. Their statuses lived in custody's own map before.
  CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND: {
    rule: 'R3.1',
    httpStatus: 404,
    reason: 'no such evidence item visible to you',
  },
  CUSTOS_R3_1_NOT_THE_HOLDER: {
    rule: 'R3.1',
    httpStatus: 403,
    reason: "the caller's organisation does not hold this evidence item",
  },
  CUSTOS_R3_1_NOT_THE_RECEIVER: {
    rule: 'R3.1',
    httpStatus: 403,
    reason: 'only the receiver named in the transfer may acknowledge it',
  },
  CUSTOS_R18_1_NO_HAND_OVER_PENDING: {
    rule: 'R18.1',
    httpStatus: 409,
    reason: 'no hand-over of this evidence item awaits a second officer',
  },
  CUSTOS_R18_5_HAND_OVER_PENDING: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'a hand-over of this evidence item already awaits its second officer',
  },
  CUSTOS_R18_5_ALREADY_HANDED_OVER: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'the evidence item has already been handed over',
  },
  CUSTOS_R18_5_NOT_HANDED_OVER: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'the evidence item is not handed over and awaiting receipt',
  },
  CUSTOS_R18_5_NOT_IN_CUSTODY: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'the evidence item has not been received into custody',
  },
  CUSTOS_R18_5_INTEGRITY_MISMATCH: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'a re-hash of this evidence item did not match its package: it cannot be transferred',
  },
  CUSTOS_R18_5_TRANSFER_PENDING: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'a transfer of this evidence item already awaits acknowledgement',
  },
  CUSTOS_R18_5_NO_TRANSFER_PENDING: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'no such transfer awaits acknowledgement',
  },
  CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'only the two officers the package was handed over to may have it delivered',
  },
  CUSTOS_R18_5_DELIVERY_LINK_USED: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'a delivery link serves one download: ask for a new link',
  },
  CUSTOS_R18_5_PACKAGE_UNAVAILABLE: {
    rule: 'R18.5',
    httpStatus: 502,
    reason: 'storage did not supply the package: nothing was delivered',
  },
  CUSTOS_R18_5_STORED_PACKAGE_UNREADABLE: {
    rule: 'R18.5',
    httpStatus: 502,
    reason: 'storage did not supply the stored package: nothing was checked or recorded',
  },
  CUSTOS_R18_5_CHALLENGE_NOT_YOURS: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'the integrity challenge was issued for another evidence item or officer',
  },
  CUSTOS_R18_5_CHALLENGE_USED: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'this integrity challenge was already answered: ask for a fresh one',
  },
  CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN: {
    rule: 'R17.1',
    httpStatus: 403,
    reason:
      'a transfer goes only to an organ the registry holds that may copy or retrieve footage under the rule pack of its place (Shaanxi: public security, state security, another administrative department; national: also judicial organs and county-level emergency departments)',
  },
  CUSTOS_R18_5_TRANSFER_RECEIVER_NOT_OF_TARGET: {
    rule: 'R18.5',
    httpStatus: 403,
    reason: 'the named receiver is not a registered officer of the target organ',
  },
  CUSTOS_R16_6_DELIVERY_ABANDONED: {
    rule: 'R16.6',
    httpStatus: null,
    reason: 'a delivery that stalled was ended; the access register records the bytes that went out',
  },
  CUSTOS_INPUT_CURSOR_INVALID: {
    rule: null,
    httpStatus: 400,
    reason: 'the cursor is not one this listing gave out',
  },
  // Viewing sessions (R18.1–R18.4).
  CUSTOS_R3_1_VIEWING_SESSION_NOT_FOUND: {
    rule: 'R3.1',
    httpStatus: 404,
    reason: 'no such viewing session visible to you',
  },
  CUSTOS_R3_1_VIEW_REQUEST_NOT_FOUND: {
    rule: 'R3.1',
    httpStatus: 404,
    reason: 'custody knows no VIEW request of that id',
  },
  CUSTOS_R3_1_NOT_THE_SYSTEMS_OWNER: {
    rule: 'R3.1',
    httpStatus: 403,
    reason: "the request names none of the caller's organisation's systems",
  },
  CUSTOS_R18_1_VIEW_NOT_CO_SIGNED: {
    rule: 'R18.1',
    httpStatus: 409,
    reason: 'a viewing session needs a VIEW request co-signed by a second officer',
  },
  CUSTOS_R18_3_VIEW_REQUEST_WITHDRAWN: {
    rule: 'R18.3',
    httpStatus: 409,
    reason: 'the VIEW request has been withdrawn: nothing can be viewed under it',
  },
  CUSTOS_R18_1_NOT_A_CO_SIGNER: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'only the two officers who signed the request may join its viewing session',
  },
  CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'footage plays only once both officers have joined the session',
  },
  CUSTOS_R18_1_NOT_A_VIEWER: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'only the two officers who joined the session may play its footage',
  },
  CUSTOS_R18_4_SESSION_TOO_LONG: { rule: 'R18.4', httpStatus: 400, reason: 'a viewing session lasts at most 4 hours' },
  CUSTOS_R18_4_SESSION_CLOSED: { rule: 'R18.4', httpStatus: 409, reason: 'the viewing session has ended' },
  CUSTOS_R18_4_SESSION_ALREADY_OPEN: {
    rule: 'R18.4',
    httpStatus: 409,
    reason: "a viewing session of this request for the caller's systems is already open",
  },
  // Direct-access sessions (R17.4, R18.1–R18.4).
  CUSTOS_R3_1_DIRECT_ACCESS_SESSION_NOT_FOUND: {
    rule: 'R3.1',
    httpStatus: 404,
    reason: 'no such direct-access session visible to you',
  },
  CUSTOS_R3_1_DIRECT_ACCESS_GRANT_NOT_FOUND: {
    rule: 'R3.1',
    httpStatus: 404,
    reason: 'custody knows no direct-access request of that id',
  },
  CUSTOS_R17_4_NOT_GRANTED: {
    rule: 'R17.4',
    httpStatus: 409,
    reason: 'the direct access is not approved (or no longer)',
  },
  CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN: {
    rule: 'R17.4',
    httpStatus: 403,
    reason: 'only officers of the organ granted direct access use it',
  },
  CUSTOS_R17_4_OUTSIDE_GRANT: {
    rule: 'R17.4',
    httpStatus: 403,
    reason: 'direct access is used only within the approved grant period',
  },
  CUSTOS_R18_1_TWO_OFFICERS_REQUIRED: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'direct access starts only once at least two officers are in the session',
  },
  CUSTOS_R18_1_NOT_IN_SESSION: {
    rule: 'R18.1',
    httpStatus: 403,
    reason: 'only the officers who joined the session may use it',
  },
  CUSTOS_R18_4_DIRECT_ACCESS_TOO_LONG: {
    rule: 'R18.4',
    httpStatus: 400,
    reason: 'a direct-access session lasts at most 4 hours',
  },
  CUSTOS_R18_4_DIRECT_ACCESS_ENDED: { rule: 'R18.4', httpStatus: 409, reason: 'the direct-access session has ended' },
  // Playback of footage to a browser (R18.4) and the capability links it rests on.
  CUSTOS_R18_4_RANGE_REQUIRED: {
    rule: 'R18.4',
    httpStatus: 416,
    reason: 'footage plays by byte range only: it is not offered for download',
  },
  CUSTOS_R18_4_RANGE_TOO_LARGE: {
    rule: 'R18.4',
    httpStatus: 416,
    reason: 'the byte range asked for is larger than one answer serves',
  },
  CUSTOS_INPUT_RANGE_NOT_SATISFIABLE: {
    rule: null,
    httpStatus: 416,
    reason: 'one byte range within the segment is served at a time',
  },
  // A link that is not genuine is an authentication failure, not a rule's refusal: no rule.
  CUSTOS_LINK_INVALID: { rule: null, httpStatus: 401, reason: 'the link is not valid' },
  CUSTOS_LINK_EXPIRED: { rule: null, httpStatus: 401, reason: 'the link has expired' },
  // Storage's refusals (footage segments and export packages).
  CUSTOS_R3_1_UNKNOWN_CAMERA: { rule: 'R3.1', httpStatus: 404, reason: 'the camera is not registered' },
  CUSTOS_R3_1_SEGMENT_NOT_FOUND: {
    rule: 'R3.1',
    httpStatus: 404,
    reason: 'no such footage segment of your organisation',
  },
  CUSTOS_R3_1_EXPORT_NOT_FOUND: {
    rule: 'R3.1',
    httpStatus: 404,
    reason: 'no such export package of your organisation',
  },
  CUSTOS_R3_1_NO_OWN_CAMERA_IN_SCOPE: {
    rule: 'R3.1',
    httpStatus: 403,
    reason: 'the approved scope names no camera of your organisation',
  },
  CUSTOS_R18_5_ALREADY_EXPORTED: {
    rule: 'R18.5',
    httpStatus: 409,
    reason: 'this approval document was already exported: export it again only explicitly, with reExport.reason',
  },
  CUSTOS_R16_3_UPLOAD_INCOMPLETE: {
    rule: 'R16.3',
    httpStatus: 400,
    reason: 'the upload ended before all announced bytes arrived',
  },
  CUSTOS_INPUT_RAW_FOOTAGE_REQUIRED: {
    rule: null,
    httpStatus: 415,
    reason: 'footage is uploaded as raw bytes: application/octet-stream or video/*',
  },
  CUSTOS_R16_3_INGEST_RECONCILED: {
    rule: 'R16.3',
    httpStatus: null,
    reason: 'an original stored without its record was recorded from what the store holds',
  },
  CUSTOS_R16_3_ORIGINAL_UNRECORDED: {
    rule: 'R16.3',
    httpStatus: null,
    reason: 'an original is in the store without a record of it',
  },
  // Resumable upload of an original (issue 18): each step refused changes nothing.
  CUSTOS_R16_3_UPLOAD_SESSION_NOT_FOUND: {
    rule: 'R16.3',
    httpStatus: 404,
    reason: 'no such upload session: it was completed, aborted or never opened',
  },
  CUSTOS_R16_3_UPLOAD_SESSION_EXPIRED: {
    rule: 'R16.3',
    httpStatus: 409,
    reason: 'the upload session has expired: its parts are discarded, open a new one',
  },
  CUSTOS_R16_3_UPLOAD_SESSION_OPEN: {
    rule: 'R16.3',
    httpStatus: 409,
    reason: 'an upload session for this segment is already open: resume it or abort it',
  },
  CUSTOS_R16_3_UPLOAD_PART_OUT_OF_ORDER: {
    rule: 'R16.3',
    httpStatus: 409,
    reason: 'parts are taken in order: send the part the session expects next',
  },
  CUSTOS_R16_3_UPLOAD_PART_BUSY: {
    rule: 'R16.3',
    httpStatus: 409,
    reason: 'another request is writing to this upload session: retry when it has finished',
  },
  CUSTOS_R16_3_UPLOAD_NOT_COMPLETE: {
    rule: 'R16.3',
    httpStatus: 409,
    reason: 'the session does not hold all the declared bytes yet',
  },
  CUSTOS_R16_3_UPLOAD_HASH_MISMATCH: {
    rule: 'R16.3',
    httpStatus: 400,
    reason: 'the SHA-256 of the bytes received is not the declared one: nothing is stored',
  },
  CUSTOS_R16_3_UPLOAD_SWEEP_FAILED: {
    rule: 'R16.3',
    httpStatus: null,
    reason: 'expired upload sessions could not be discarded this time; the sweep tries again',
  },
  // The registry's bookkeeping: an entity that does not exist or exists already, dates out of
  // order. They keep a register consistent and cite no rule (they once cited the rule whose
  // register they concern, in a name that did not say so).
  CUSTOS_REGISTRY_ORGANISATION_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'no such organisation' },
  CUSTOS_REGISTRY_OFFICER_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'no such officer' },
  CUSTOS_REGISTRY_OPERATOR_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'no such operator' },
  CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'no such image system' },
  CUSTOS_REGISTRY_CAMERA_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'no such camera' },
  CUSTOS_REGISTRY_ALREADY_REGISTERED: {
    rule: null,
    httpStatus: 409,
    reason: 'an entity with this id is registered already',
  },
  CUSTOS_REGISTRY_PARENT_DIVISION_MISMATCH: {
    rule: null,
    httpStatus: 400,
    reason: "an organisation's division must lie within its parent's jurisdiction",
  },
  CUSTOS_REGISTRY_HEAD_TERM_OVERLAPS: {
    rule: null,
    httpStatus: 409,
    reason: 'the person already has a head term of this organisation overlapping that instant',
  },
  CUSTOS_REGISTRY_HEAD_TERM_NOT_OPEN: {
    rule: null,
    httpStatus: 409,
    reason: 'the person has no open head term to end',
  },
  CUSTOS_REGISTRY_HEAD_TERM_END_NOT_AFTER_START: {
    rule: null,
    httpStatus: 400,
    reason: 'a head term must end after it began',
  },
  CUSTOS_REGISTRY_CREDENTIAL_ALREADY_ISSUED: {
    rule: null,
    httpStatus: 409,
    reason: 'this credential number is issued already',
  },
  CUSTOS_REGISTRY_CREDENTIAL_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'the officer has no such credential' },
  CUSTOS_REGISTRY_CREDENTIAL_DATES_INVALID: {
    rule: null,
    httpStatus: 400,
    reason: 'a credential must expire after it is issued, and a status cannot change before issuance',
  },
  CUSTOS_REGISTRY_CREDENTIAL_REVOKED: {
    rule: null,
    httpStatus: 409,
    reason: 'a revoked credential is final: issue a new one',
  },
  CUSTOS_REGISTRY_EVENT_KEY_INVALID: {
    rule: null,
    httpStatus: 400,
    reason: 'an event-signing key is the 32-byte Ed25519 public key (base64url) of a service that publishes events',
  },
  CUSTOS_REGISTRY_EVENT_KEY_ALREADY_REGISTERED: {
    rule: null,
    httpStatus: 409,
    reason: 'this event-signing key is registered already (a revoked key is never registered again)',
  },
  CUSTOS_REGISTRY_EVENT_KEY_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'the service has no event-signing key of that id' },
  CUSTOS_REGISTRY_EVENT_KEY_REVOKED: { rule: null, httpStatus: 409, reason: 'the event-signing key is revoked already: revocation is final' },
  CUSTOS_REGISTRY_CHANGE_NOT_FOUND: {
    rule: null,
    httpStatus: 404,
    reason: 'the system has no change report of that id',
  },
  CUSTOS_REGISTRY_CAMERA_CHANGE_NEEDS_CAMERA: {
    rule: null,
    httpStatus: 400,
    reason: 'a new place or function is reported as a CHANGED report of one camera',
  },
  CUSTOS_REGISTRY_FACILITY_REMOVED: {
    rule: null,
    httpStatus: 409,
    reason: 'the facility was removed; a removed facility cannot change again',
  },
  // The ledger's read side: what it holds or not, and the sizes it can prove. No rule demands
  // them; R5.1 is served by the ledger itself, not by these answers.
  CUSTOS_LEDGER_ENTRY_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'the ledger holds no such entry' },
  CUSTOS_CN2025_USE_REQUESTER_NOT_ALLOWED: {
    rule: 'CN2025-USE',
    httpStatus: 403,
    reason:
      'under the national regulation only organs exercising investigation, prosecution or trial powers, public security and state security organs, and administrative departments of county-level or higher governments handling emergencies may view, copy or retrieve footage',
  },
  CUSTOS_CN2025_USE_DIRECT_ACCESS_NOT_ALLOWED: {
    rule: 'CN2025-USE',
    httpStatus: 403,
    reason: 'the national regulation, as known, provides for viewing, copying and retrieval, not for direct access to a system',
  },
  CUSTOS_CN2025_USE_APPROVER_NOT_COMPETENT: {
    rule: 'CN2025-USE',
    httpStatus: 403,
    reason: "the approver's organ is not the one the national pack's approval policy names for this request",
  },
  CUSTOS_CN2025_USE_APPROVER_BELOW_COUNTY: {
    rule: 'CN2025-USE',
    httpStatus: 403,
    reason: 'the approving organ must be at county level or above under the national pack\'s approval policy',
  },
  CUSTOS_CN2025_USE_OUTSIDE_JURISDICTION: {
    rule: 'CN2025-USE',
    httpStatus: 403,
    reason: "the approving organ's jurisdiction does not cover the requesting organ or the systems concerned",
  },
  CUSTOS_CN2025_USE_HEAD_TERM_NOT_ACTIVE: {
    rule: 'CN2025-USE',
    httpStatus: 403,
    reason: 'the approver was not head of the approving organ at the time of approval',
  },
  CUSTOS_CN2025_USE_CASE_NOT_OPEN: { rule: 'CN2025-USE', httpStatus: 409, reason: CASE_NOT_OPEN },
  CUSTOS_CN2025_USE_FEE_FORBIDDEN: {
    rule: 'CN2025-USE',
    httpStatus: 403,
    reason: 'units and persons co-operate with a lawful view, copy or retrieval: no fee is charged (policy CN2025_FEES_FORBIDDEN)',
  },
  CUSTOS_CN2025_RETAIN_TOO_SHORT: {
    rule: 'CN2025-RETAIN',
    httpStatus: 400,
    reason: 'footage must be kept for at least 30 days (longer where a law, administrative regulation or standard says so)',
  },
  CUSTOS_CN2025_PUBLISH_NOT_MASKED: {
    rule: 'CN2025-PUBLISH',
    httpStatus: 403,
    reason:
      'footage for public dissemination must have personal features, licence plates and similar private information masked, and the masking recorded (who, when, the masked file\'s hash)',
  },
  CUSTOS_RULE_PACK_NONE_APPLIES: {
    rule: null,
    httpStatus: 403,
    reason: 'no rule pack governs this place at this instant, so nothing authorises the act',
  },
  CUSTOS_INPUT_RULE_PACKS_DIFFER: {
    rule: null,
    httpStatus: 400,
    reason: 'the systems concerned stand under different rule packs: file one request per place',
  },
  CUSTOS_LEDGER_EVENT_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'the ledger holds no such event' },
  CUSTOS_LEDGER_AGGREGATE_NOT_FOUND: {
    rule: null,
    httpStatus: 404,
    reason: 'the ledger holds no event of that aggregate',
  },
  CUSTOS_LEDGER_NO_CHECKPOINT: { rule: null, httpStatus: 404, reason: 'no checkpoint has been signed yet' },
  CUSTOS_LEDGER_SIZE_OUT_OF_RANGE: {
    rule: null,
    httpStatus: 400,
    reason: 'the tree size asked for is not one the log can prove',
  },
  CUSTOS_LEDGER_NOT_YET_CHECKPOINTED: {
    rule: null,
    httpStatus: 409,
    reason: 'what is asked for is not covered by a signed checkpoint yet; retry after the next',
  },
  CUSTOS_LEDGER_TARGET_REQUIRED: { rule: null, httpStatus: 400, reason: 'give exactly one of leafIndex and eventId' },
  // The ledger as C2SP tiles (services/ledger/src/queries/tiles).
  CUSTOS_INPUT_TILE_PATH_INVALID: {
    rule: null,
    httpStatus: 400,
    reason: 'not a canonical C2SP tile path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]',
  },
  CUSTOS_LEDGER_TILE_NOT_FOUND: {
    rule: null,
    httpStatus: 404,
    reason: 'the log does not hold every hash or entry of that tile yet',
  },
  CUSTOS_LEDGER_BUNDLE_ENTRY_TOO_LARGE: {
    rule: null,
    httpStatus: 409,
    reason: 'an entry of this bundle exceeds the 65535 bytes a C2SP entry bundle can carry; read it from /ledger/entries',
  },
  // Oversight: inspections, findings, orders, penalties and the party's remedy (issue 20).
  CUSTOS_R19_1_NOT_A_COMPETENT_PSB: {
    rule: 'R19.1',
    httpStatus: 403,
    reason: 'inspections, orders, penalties and court applications are acts of a public security organ of county level or above',
  },
  CUSTOS_R19_1_OUTSIDE_JURISDICTION: {
    rule: 'R19.1',
    httpStatus: 403,
    reason: 'the system is outside the jurisdiction of the acting public security organ (R5.1)',
  },
  CUSTOS_R22_1_ORDER_KIND_MISMATCH: {
    rule: 'R22.1',
    httpStatus: 400,
    reason: 'a camera where Article 8 forbids it is ordered removed; any other breach is ordered rectified',
  },
  CUSTOS_R23_1_RECTIFICATION_PERIOD_REQUIRED: {
    rule: 'R23.1',
    httpStatus: 400,
    reason: 'an order to rectify names the period within which to rectify, ending after it is served',
  },
  CUSTOS_R22_1_ORDER_ALREADY_IN_FORCE: {
    rule: 'R22.1',
    httpStatus: 409,
    reason: 'an order on this finding is in force and not yet followed up',
  },
  CUSTOS_R22_1_ORDER_ALREADY_FOLLOWED_UP: { rule: 'R22.1', httpStatus: 409, reason: 'the order was already followed up' },
  CUSTOS_R23_1_PERIOD_NOT_ENDED: {
    rule: 'R23.1',
    httpStatus: 409,
    reason: 'the period to comply has not ended: the order cannot be found not complied with yet',
  },
  CUSTOS_R25_1_PENALTY_ARTICLE_MISMATCH: {
    rule: 'R25.1',
    httpStatus: 400,
    reason: 'the penalty must cite the article the breached rule falls under (R22.1–R25.1); some breaches carry none',
  },
  CUSTOS_R25_1_PARTY_NOT_PENALISED: { rule: 'R25.1', httpStatus: 400, reason: 'the article cited fines no such party' },
  CUSTOS_R25_1_NO_ORDER_BREACHED: {
    rule: 'R25.1',
    httpStatus: 409,
    reason: 'this article fines only after an order was found not complied with; name that order',
  },
  CUSTOS_R25_1_RESPONSIBLE_PERSONS_REQUIRED: { rule: 'R25.1', httpStatus: 400, reason: 'a fine of persons names the responsible persons' },
  CUSTOS_R25_1_AMOUNT_OUTSIDE_RANGE: {
    rule: 'R25.1',
    httpStatus: 400,
    reason: "the amount the organ decided lies outside the article's range for that party",
  },
  CUSTOS_R22_1_COURT_ONLY_FOR_REFUSED_REMOVAL: {
    rule: 'R22.1',
    httpStatus: 409,
    reason: "the people's court is applied to once, for a removal order found not complied with",
  },
  CUSTOS_R26_1_NOT_THE_PARTY: { rule: 'R26.1', httpStatus: 403, reason: 'only the party the act was served on may contest it' },
  CUSTOS_R26_1_ACT_QUASHED: { rule: 'R26.1', httpStatus: 409, reason: 'the act was quashed: it has no effect any more' },
  CUSTOS_R26_1_CHALLENGE_PENDING: { rule: 'R26.1', httpStatus: 409, reason: 'a reconsideration or suit against this act is pending' },
  CUSTOS_R26_1_CHALLENGE_ALREADY_DECIDED: { rule: 'R26.1', httpStatus: 409, reason: 'the outcome of this challenge is already recorded' },
  CUSTOS_OVERSIGHT_ACT_NOT_FOUND: { rule: null, httpStatus: 404, reason: 'no such finding, order, penalty or challenge is visible to the caller' },
  CUSTOS_OVERSIGHT_ALREADY_RECORDED: { rule: null, httpStatus: 409, reason: 'an act with that id is already recorded' },
  CUSTOS_INPUT_OVERSIGHT_PERIOD_INVALID: { rule: null, httpStatus: 400, reason: 'the period must start before it ends and span at most 366 days' },
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
