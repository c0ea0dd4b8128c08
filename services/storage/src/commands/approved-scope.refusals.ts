/**
 * The refusals of an approval document shown to storage for a copy or retrieval (R18.5): not
 * verified, not in force, of another kind or scope, or naming no camera of the caller's own
 * organisation (R3.1). Every command acting on an approved scope documents them.
 */
export const APPROVED_SCOPE_REFUSALS = [
  'CUSTOS_R18_5_DOCUMENT_MALFORMED',
  'CUSTOS_INPUT_WINDOW_EMPTY',
  'CUSTOS_R18_5_SIGNATURE_INVALID',
  'CUSTOS_R18_5_REVOKED',
  'CUSTOS_R18_5_EXPIRED',
  'CUSTOS_R18_5_NOT_YET_VALID',
  'CUSTOS_R18_5_WRONG_KIND',
  'CUSTOS_R18_5_OUT_OF_SCOPE',
  'CUSTOS_R3_1_NO_OWN_CAMERA_IN_SCOPE',
] as const;
