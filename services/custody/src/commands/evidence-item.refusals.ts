/*
 * The coded refusals of custody's commands on an evidence item, as their operations document
 * them (`@ApiRefusalCodes`); each code's status is the catalogue's.
 */

/** Every command: the item must exist, the caller be a qualified officer of their own organ (R18.2), and no fee be asked (R17.5). */
export const ITEM_COMMAND_REFUSALS = [
  'CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND',
  'CUSTOS_R18_2_UNKNOWN_OFFICER',
  'CUSTOS_R18_2_NOT_AN_OFFICER_OF_ORGAN',
  'CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN',
  'CUSTOS_R18_2_CREDENTIAL_MISMATCH',
  'CUSTOS_R18_2_QUALIFICATION_INVALID',
  'CUSTOS_R3_1_CLAIMED_ORGANISATION_NOT_IN_REGISTRY',
  'CUSTOS_R17_5_FEE_FORBIDDEN',
] as const;

/** The approval document presented at a hand-over (R18.5). */
export const APPROVAL_DOCUMENT_REFUSALS = [
  'CUSTOS_R18_5_DOCUMENT_MALFORMED',
  'CUSTOS_R18_5_SIGNATURE_INVALID',
  'CUSTOS_R18_5_REVOKED',
  'CUSTOS_R18_5_NOT_YET_VALID',
  'CUSTOS_R18_5_EXPIRED',
  'CUSTOS_R18_5_OUT_OF_SCOPE',
  'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN',
  'CUSTOS_R18_5_WRONG_KIND',
  'CUSTOS_R18_5_REQUESTING_ORGAN_MISMATCH',
] as const;

/** An integrity check: the challenge answered and custody's re-hash of the stored package (R18.5). */
export const INTEGRITY_REFUSALS = [
  'CUSTOS_R18_5_CHALLENGE_NOT_YOURS',
  'CUSTOS_R18_5_CHALLENGE_USED',
  'CUSTOS_R18_5_STORED_PACKAGE_UNREADABLE',
] as const;
