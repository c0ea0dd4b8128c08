/**
 * A period during which a person is the head (负责人) of an organ and may sign its approvals
 * (R17.2–R17.4). The period is half-open [from, to); an open-ended term has no `to`.
 */
export interface HeadTerm {
  readonly personId: string;
  readonly organisationId: string;
  readonly from: Date;
  readonly to?: Date;
}

/**
 * Whether `personId` was head of `organisationId` at the instant `at`. Answerable for any
 * past instant, so an approval can be re-checked long after the head has changed.
 */
export function isHeadAt(
  terms: readonly HeadTerm[],
  personId: string,
  organisationId: string,
  at: Date,
): boolean {
  const t = at.getTime();
  return terms.some(
    (term) =>
      term.personId === personId &&
      term.organisationId === organisationId &&
      term.from.getTime() <= t &&
      (term.to === undefined || t < term.to.getTime()),
  );
}
