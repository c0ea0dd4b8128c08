import { coversTerritorially, territorialJurisdictionOf, territoriallyCompetent } from './territorial-competence';
import { ORGS } from './organisations.fixture';

describe('territorial competence policy (R17.3, R17.4 interpretation)', () => {
  it('gives an organ whose level agrees with its code that division as jurisdiction (R17.3)', () => {
    expect(territorialJurisdictionOf(ORGS.psbCity)).toBe('610100');
    expect(territorialJurisdictionOf(ORGS.psbCounty)).toBe('610113');
  });

  it('gives a county-level organ with a city code no jurisdiction at all, never the city (R17.3)', () => {
    const mislabelled = { ...ORGS.psbCounty, divisionCode: '610100' };
    expect(territorialJurisdictionOf(mislabelled)).toBeNull();
    expect(coversTerritorially(mislabelled, '610113')).toBe(false);
    expect(coversTerritorially(mislabelled, '610100')).toBe(false);
  });

  it('lets a station carry its county code (R5.1)', () => {
    expect(territorialJurisdictionOf(ORGS.psbStationCountyCode)).toBe('610113');
  });

  it('covers places inside the jurisdiction only (R17.3)', () => {
    expect(coversTerritorially(ORGS.psbCity, '610113001')).toBe(true);
    expect(coversTerritorially(ORGS.psbCounty, '610103')).toBe(false);
  });

  it('gives an invalid code no jurisdiction (R5.1)', () => {
    expect(territorialJurisdictionOf({ ...ORGS.psbCity, divisionCode: '61' })).toBeNull();
  });

  it('lets the bureau of the systems\' location approve for an organ of another area (R17.3)', () => {
    expect(territoriallyCompetent(ORGS.psbCounty, '610103', ['610113'])).toBe(true);
  });

  it('requires every system to stand in the jurisdiction when the requester is outside it (R17.3)', () => {
    expect(territoriallyCompetent(ORGS.psbCounty, '610103', ['610113', '610103'])).toBe(false);
    expect(territoriallyCompetent(ORGS.psbCity, '620100', ['610113', '610103'])).toBe(true);
  });

  it('falls back on the requester alone when no system location is known (R17.3)', () => {
    expect(territoriallyCompetent(ORGS.psbCounty, '610103')).toBe(false);
    expect(territoriallyCompetent(ORGS.psbCounty, '610113', [])).toBe(true);
  });
});
