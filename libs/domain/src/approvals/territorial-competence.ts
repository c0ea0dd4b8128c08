import { jurisdictionContains, parseDivisionCode } from '../organisation/division-code';
import { Organisation } from '../organisation/organisation';
import { compareLevels } from '../organisation/organisation-type';

/**
 * Policy "territorial competence" — an interpretation of R17.3 and R17.4, not their words.
 *
 * Article 17 names who approves (the head of a county-level or higher PSB; for direct access,
 * of a county-level state-security organ or PSB) but not *where*. Read with Article 5 (a PSB
 * supervises the systems of its own area), this system asks that the approving organ's
 * jurisdiction cover the requesting unit **or** the location of every system concerned: a
 * county bureau approves for the organs of its area, and for any organ's access to the systems
 * of its area, but not for another county's organ to another county's systems.
 *
 * An organ's jurisdiction is its division only when its level and its division code agree: a
 * county-level organ registered with a city's code gains no city-wide jurisdiction, it gains
 * none at all here (and the registry refuses to register it, CUSTOS_R5_1_LEVEL_BELOW_DIVISION).
 * Only a station (BELOW_COUNTY) may carry a division above its level, and a station never
 * approves.
 */
export const TERRITORIAL_COMPETENCE_POLICY = 'POLICY_R17_3_TERRITORIAL_COMPETENCE';

/** The division code an organ's territorial competence spans, or `null` when it spans none. */
export function territorialJurisdictionOf(org: Organisation): string | null {
  const division = parseDivisionCode(org.divisionCode);
  if (!division.ok) return null;
  const agrees =
    org.level === 'BELOW_COUNTY'
      ? compareLevels(org.level, division.value.level) <= 0
      : org.level === division.value.level;
  return agrees ? division.value.code : null;
}

/** Whether `approver`'s jurisdiction covers the division `place` under the policy above. */
export function coversTerritorially(approver: Organisation, place: string): boolean {
  const jurisdiction = territorialJurisdictionOf(approver);
  return jurisdiction !== null && jurisdictionContains(jurisdiction, place);
}

/**
 * The policy itself: the approver covers the requesting unit's division, or every one of the
 * systems' divisions (`systemDivisionCodes`; none known means only the requester counts).
 */
export function territoriallyCompetent(
  approver: Organisation,
  requesterDivisionCode: string,
  systemDivisionCodes: readonly string[] = [],
): boolean {
  if (coversTerritorially(approver, requesterDivisionCode)) return true;
  return (
    systemDivisionCodes.length > 0 &&
    systemDivisionCodes.every((place) => coversTerritorially(approver, place))
  );
}
