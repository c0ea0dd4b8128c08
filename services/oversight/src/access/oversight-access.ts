import { hasAnyRole, Principal } from '@custos/auth';
import { assertCompetentOversightOrgan, parseDivisionCode } from '@custos/domain';
import { DomainException } from '@custos/platform';

/**
 * Who may do what in oversight (R3.1 least privilege, R5.1 jurisdiction):
 * - role OVERSIGHT reads findings, inspections, acts, anomalies and reports within its
 *   organisation's jurisdiction (a provincial procuratorate's supervision office, a PSB's
 *   oversight staff);
 * - inspections, orders, follow-ups, penalties and court applications are acts of a public
 *   security organ of county level or above (R19.1, R22.1): role OVERSIGHT in such an organ,
 *   over a subject within its jurisdiction;
 * - an OWNER_OPERATOR reads the findings and acts concerning its own organisation, and files
 *   its challenges (R26.1).
 */
export function assertMayAct(principal: Principal, subjectDivisionCode: string | undefined): void {
  const competent = assertCompetentOversightOrgan({ type: principal.organisationType, divisionCode: principal.divisionCode }, subjectDivisionCode);
  if (!competent.ok) throw new DomainException(competent.error);
}

/** The rows a principal may read: a division prefix (OVERSIGHT), its own organisation (an owner), or nothing. */
export interface ReadScope {
  readonly divisionPrefix?: string;
  readonly organisationId?: string;
}

export function readScopeOf(principal: Principal): ReadScope {
  if (hasAnyRole(principal, ['OVERSIGHT'])) {
    const division = parseDivisionCode(principal.divisionCode);
    // An invalid code covers nothing: jurisdiction never comes from a typo.
    return { divisionPrefix: division.ok ? division.value.prefix : '\u0000' };
  }
  return { organisationId: principal.organisationId };
}

/** SQL narrowing a query to a read scope; `division` and `organisation` name the columns. */
export function scopeClause(scope: ReadScope, values: unknown[], division: string, organisation: string): string {
  if (scope.divisionPrefix !== undefined) {
    values.push(`${scope.divisionPrefix}%`);
    return `${division} LIKE $${values.length}`;
  }
  values.push(scope.organisationId);
  return `${organisation} = $${values.length}`;
}
