import { assertOrganisationConsistent, Organisation } from './organisation';
import { compareLevels, levelAtLeast } from './organisation-type';

const org = (level: Organisation['level'], divisionCode: string): Organisation => ({
  id: 'org-1',
  type: 'PUBLIC_SECURITY',
  level,
  divisionCode,
});

describe('organisation levels', () => {
  it('orders BELOW_COUNTY < COUNTY < CITY < PROVINCE (R17.3)', () => {
    expect(compareLevels('BELOW_COUNTY', 'COUNTY')).toBeLessThan(0);
    expect(compareLevels('CITY', 'COUNTY')).toBeGreaterThan(0);
    expect(compareLevels('PROVINCE', 'CITY')).toBeGreaterThan(0);
    expect(levelAtLeast('COUNTY', 'COUNTY')).toBe(true);
    expect(levelAtLeast('BELOW_COUNTY', 'COUNTY')).toBe(false);
  });
});

describe('assertOrganisationConsistent (R5.1)', () => {
  it('accepts a police station carrying its county code', () => {
    expect(assertOrganisationConsistent(org('BELOW_COUNTY', '610113')).ok).toBe(true);
  });

  it('accepts a county bureau with a county code', () => {
    expect(assertOrganisationConsistent(org('COUNTY', '610113')).ok).toBe(true);
  });

  it('refuses a city-level organ whose division is a county (R5.1)', () => {
    const result = assertOrganisationConsistent(org('CITY', '610113'));
    expect(!result.ok && result.error.code).toBe('CUSTOS_R5_1_LEVEL_ABOVE_DIVISION');
  });

  it('refuses a county-level organ whose division is a township (R5.1)', () => {
    const result = assertOrganisationConsistent(org('COUNTY', '610113001'));
    expect(!result.ok && result.error.code).toBe('CUSTOS_R5_1_LEVEL_ABOVE_DIVISION');
  });

  it.each([
    ['COUNTY', '610100'],
    ['COUNTY', '610000'],
    ['CITY', '610000'],
  ] as const)('refuses a %s-level organ registered with the higher division %s: no wider jurisdiction (R5.1, R17.3)', (level, code) => {
    const result = assertOrganisationConsistent(org(level, code));
    expect(!result.ok && result.error.code).toBe('CUSTOS_R5_1_LEVEL_BELOW_DIVISION');
  });

  it('accepts a ministry at NATIONAL level with the national code 100000 (R5.1)', () => {
    expect(assertOrganisationConsistent(org('NATIONAL', '100000')).ok).toBe(true);
    expect(compareLevels('NATIONAL', 'PROVINCE')).toBeGreaterThan(0);
  });

  it('refuses a NATIONAL organ registered with a province code (R5.1)', () => {
    const result = assertOrganisationConsistent(org('NATIONAL', '610000'));
    expect(!result.ok && result.error.code).toBe('CUSTOS_R5_1_LEVEL_ABOVE_DIVISION');
  });

  it('refuses an invalid division code (R5.1)', () => {
    const result = assertOrganisationConsistent(org('COUNTY', '6101'));
    expect(!result.ok && result.error.code).toBe('CUSTOS_R5_1_INVALID_DIVISION_CODE');
  });
});
