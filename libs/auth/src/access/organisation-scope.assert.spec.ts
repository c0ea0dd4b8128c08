import { ForbiddenError } from '../errors/auth.errors';
import { aPrincipal } from '../testing/principal.fixture';
import { assertJurisdiction, assertOrganisation, isWithinJurisdiction } from './organisation-scope.assert';

describe('assertJurisdiction (R5.1)', () => {
  const county = aPrincipal({ divisionCode: '610116' });

  it('accepts its own division and a township inside it', () => {
    expect(() => assertJurisdiction(county, '610116')).not.toThrow();
    expect(() => assertJurisdiction(county, '610116001')).not.toThrow();
  });

  it('refuses a neighbouring county with a coded ForbiddenError', () => {
    expect(() => assertJurisdiction(county, '610113')).toThrow(
      expect.objectContaining({ code: 'CUSTOS_AUTH_OUTSIDE_JURISDICTION', rule: 'R5.1' }),
    );
    expect(() => assertJurisdiction(county, '610113')).toThrow(ForbiddenError);
  });

  it('refuses the city above the county: jurisdiction does not reach upwards', () => {
    expect(isWithinJurisdiction(county, '610100')).toBe(false);
  });

  it('refuses an invalid division code rather than guessing', () => {
    expect(isWithinJurisdiction(county, '61011x')).toBe(false);
    expect(isWithinJurisdiction(aPrincipal({ divisionCode: 'garbage' }), '610116')).toBe(false);
  });
});

describe('assertOrganisation (R3.1)', () => {
  it('accepts the caller organisation and refuses any other with CUSTOS_AUTH_WRONG_ORGANISATION', () => {
    const principal = aPrincipal({ organisationId: 'org-a' });
    expect(() => assertOrganisation(principal, 'org-a')).not.toThrow();
    expect(() => assertOrganisation(principal, 'org-b')).toThrow(
      expect.objectContaining({ code: 'CUSTOS_AUTH_WRONG_ORGANISATION', status: 403 }),
    );
  });
});
