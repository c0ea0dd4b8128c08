import { ERROR_CATALOGUE } from '@custos/domain';

/** The refusals of any operation behind a bearer token and a role. */
export { SIGNED_IN_REFUSALS } from '@custos/platform';

/** The catalogue's codes of the given rules (e.g. `R17_3`) answered with `status`, for an operation's documentation. */
export function catalogueCodes(rules: readonly string[], status: number): string[] {
  return Object.entries(ERROR_CATALOGUE)
    .filter(([code, spec]) => spec.httpStatus === status && rules.some((rule) => code.startsWith(`CUSTOS_${rule}_`)))
    .map(([code]) => code);
}
