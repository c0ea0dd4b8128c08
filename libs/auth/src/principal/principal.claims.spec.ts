import { aPrincipal } from '../testing/principal.fixture';
import { principalToActor } from './principal';
import { DEFAULT_CLAIM_MAPPING, principalFromClaims, principalToClaims } from './principal.claims';

describe('principal claims', () => {
  it('reads back the principal it wrote, under the namespaced claim names', () => {
    const principal = aPrincipal({ roles: ['OFFICER', 'APPROVER'] });
    const claims = principalToClaims(principal);
    expect(claims).toEqual({
      sub: principal.subject,
      'custos:person': principal.personId,
      'custos:org': principal.organisationId,
      'custos:org_type': 'PUBLIC_SECURITY',
      'custos:division': '610116',
      'custos:roles': ['OFFICER', 'APPROVER'],
      'custos:credential': principal.credentialNumber,
    });
    expect(principalFromClaims({ ...claims })).toEqual({ ok: true, value: principal });
  });

  it('leaves the credential out when the principal has none', () => {
    const { credentialNumber: _, ...withoutCredential } = aPrincipal();
    const read = principalFromClaims({ ...principalToClaims(withoutCredential) });
    expect(read.ok && read.value).toEqual(withoutCredential);
  });

  it('names the missing claim (R26.1: a refusal carries its reason)', () => {
    const { 'custos:org': _, ...claims } = principalToClaims(aPrincipal());
    expect(principalFromClaims(claims)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'CUSTOS_AUTH_CLAIMS_MISSING', message: 'claim custos:org is missing' }),
    });
  });

  it.each([
    ['custos:roles', 'OFFICER'],
    ['custos:person', 42],
    ['custos:person', ' padded '],
    ['custos:credential', ''],
  ])('refuses %s = %p as invalid', (claim, value) => {
    const read = principalFromClaims({ ...principalToClaims(aPrincipal()), [claim]: value });
    expect(read.ok || read.error.code).toBe('CUSTOS_AUTH_CLAIMS_INVALID');
  });

  it('reads a national oversight principal (division 100000), and still refuses a code of no division (R5.1)', () => {
    const national = aPrincipal({ roles: ['OVERSIGHT'], organisationType: 'OVERSIGHT', divisionCode: '100000', credentialNumber: undefined });
    const read = principalFromClaims({ ...principalToClaims(national) });
    expect(read.ok && [read.value.divisionCode, read.value.roles]).toEqual(['100000', ['OVERSIGHT']]);
    const invalid = principalFromClaims({ ...principalToClaims(national), 'custos:division': '100100' });
    expect(invalid.ok || invalid.error.code).toBe('CUSTOS_AUTH_CLAIMS_INVALID');
  });

  it('refuses an empty role list: a token that opens no door names no one Custos knows (R3.1)', () => {
    const read = principalFromClaims({ ...principalToClaims(aPrincipal({ roles: [] })) });
    expect(!read.ok && read.error.code).toBe('CUSTOS_AUTH_CLAIMS_INVALID');
  });

  it("reads a provider's own claim names by mapping alone: Keycloak realm roles, nested paths, the scope (R3.1)", () => {
    const mapping = { ...DEFAULT_CLAIM_MAPPING, roles: 'realm_access.roles', organisation: 'org', division: 'https://custos.example/division' };
    const { 'custos:roles': _roles, 'custos:org': org, 'custos:division': division, ...rest } = principalToClaims(aPrincipal());
    const read = principalFromClaims(
      {
        ...rest,
        org,
        'https://custos.example/division': division,
        realm_access: { roles: ['offline_access', 'OFFICER', 'default-roles-custos'] },
        scope: 'openid custos:segments.read',
      },
      mapping,
    );
    expect(read.ok && read.value).toEqual({ ...aPrincipal(), roles: ['OFFICER'], scopes: ['openid', 'custos:segments.read'] });
    // The provider's own roles are left out, but at least one role Custos knows must remain.
    const none = principalFromClaims({ ...rest, org, 'https://custos.example/division': division, realm_access: { roles: ['offline_access'] } }, mapping);
    expect(!none.ok && none.error.code).toBe('CUSTOS_AUTH_CLAIMS_INVALID');
  });

  it('makes the event actor from the principal', () => {
    const principal = aPrincipal();
    expect(principalToActor(principal)).toEqual({
      subject: principal.subject,
      personId: principal.personId,
      organisationId: principal.organisationId,
      roles: ['OFFICER'],
    });
  });
});
