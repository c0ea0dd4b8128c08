/**
 * R18.1 says "at least two" law-enforcement officers (不得少于二人) — no more. What this system
 * asks beyond that are policies, named here with their defaults, and documented as choices in
 * docs/REGULATION.md:
 * - `officersOfOneOrgan`: every officer of an act belongs to one organ, the requesting one.
 *   The article does not say so; it keeps an organ's act its own (R18.5 names one organ).
 * - `onlySigners`: only the officers who filed and co-signed a request act on it (join its
 *   viewing session). The article asks for two officers at the act, not for the same two who
 *   signed.
 * The law's own part — at least two, distinct persons with distinct credentials, each
 * qualified — is no policy and cannot be switched off.
 */
export interface OfficerPolicy {
  readonly officersOfOneOrgan: boolean;
  readonly onlySigners: boolean;
}

/** Today's behaviour, stricter than the text on both points. */
export const DEFAULT_OFFICER_POLICY: OfficerPolicy = Object.freeze({
  officersOfOneOrgan: true,
  onlySigners: true,
});

/** The fewest officers of an act (R18.1): the law's number, not a policy. */
export const MINIMUM_OFFICERS = 2;

/** Whether `personId` may act on a request signed by `signerPersonIds` under `policy` (R18.1). */
export function mayActOnRequest(policy: OfficerPolicy, signerPersonIds: readonly string[], personId: string): boolean {
  return !policy.onlySigners || signerPersonIds.includes(personId);
}
