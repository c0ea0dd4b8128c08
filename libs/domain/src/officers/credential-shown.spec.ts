import { assertCredentialShown } from './credential-shown';
import { Officer } from './officer';

const officer: Officer = {
  personId: 'person-li',
  organisationId: 'psb-yanta',
  qualification: {
    credentialNumber: '61011300101',
    issuedAt: new Date('2022-01-01T00:00:00Z'),
    expiresAt: new Date('2030-01-01T00:00:00Z'),
    statusHistory: [{ status: 'ACTIVE', since: new Date('2022-01-01T00:00:00Z') }],
  },
};

describe('assertCredentialShown (R18.2): the credential is shown by the officer, not filled in', () => {
  it('accepts the credential the registry holds for the officer, and returns it', () => {
    expect(assertCredentialShown(officer, '61011300101')).toEqual({ ok: true, value: '61011300101' });
  });

  it.each([undefined, '', '  '])('refuses an act where no credential is shown (%j) with CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN', (shown) => {
    const result = assertCredentialShown(officer, shown);
    expect(!result.ok && [result.error.code, result.error.rule]).toEqual(['CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN', 'R18.2']);
  });

  it("refuses another credential than the registry's with CUSTOS_R18_2_CREDENTIAL_MISMATCH", () => {
    const result = assertCredentialShown(officer, '61011300102');
    expect(!result.ok && result.error.code).toBe('CUSTOS_R18_2_CREDENTIAL_MISMATCH');
  });
});
