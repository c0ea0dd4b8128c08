import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { parseDivisionCode } from './division-code';
import { compareLevels, OrganisationLevel, OrganisationType } from './organisation-type';

/**
 * An organisation as the rules see it. `divisionCode` is its jurisdiction (for an owner, where
 * it sits). `level` is stated, not derived: a police station may carry its county's code
 * while being BELOW_COUNTY, so the code alone cannot tell a station from its bureau.
 */
export interface Organisation {
  readonly id: string;
  readonly type: OrganisationType;
  readonly level: OrganisationLevel;
  readonly divisionCode: string;
}

/**
 * An organisation's division code must be valid and its level must agree with that division's:
 * a "city-level" bureau with a county code would approve across a whole city while its
 * jurisdiction is a county, and a county bureau with a city's code would gain the whole city
 * (R5.1, R17.3). Only a station (BELOW_COUNTY) may carry its county's code.
 */
export function assertOrganisationConsistent(organisation: Organisation): Result<Organisation> {
  const division = parseDivisionCode(organisation.divisionCode);
  if (!division.ok) return division;
  if (compareLevels(organisation.level, division.value.level) > 0) {
    return err(
      domainErrorOf('CUSTOS_R5_1_LEVEL_ABOVE_DIVISION', {
        organisationId: organisation.id,
        level: organisation.level,
        divisionCode: organisation.divisionCode,
        divisionLevel: division.value.level,
      }),
    );
  }
  if (organisation.level !== 'BELOW_COUNTY' && organisation.level !== division.value.level) {
    return err(
      domainErrorOf('CUSTOS_R5_1_LEVEL_BELOW_DIVISION', {
        organisationId: organisation.id,
        level: organisation.level,
        divisionCode: organisation.divisionCode,
        divisionLevel: division.value.level,
      }),
    );
  }
  return ok(organisation);
}
