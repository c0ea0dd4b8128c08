import { Officer } from '../officers/officer';
import { Qualification, QualificationStatus } from '../officers/qualification';
import { assertCoSignature, assertOfficers } from './co-signature';
import { DEFAULT_OFFICER_POLICY, mayActOnRequest } from './officer-policy';

const at = new Date('2026-02-15T12:00:00Z');

function qualification(
  credentialNumber: string,
  status: QualificationStatus | 'EXPIRED' = 'ACTIVE',
): Qualification {
  return {
    credentialNumber,
    issuedAt: new Date('2024-01-01T00:00:00Z'),
    expiresAt: new Date(status === 'EXPIRED' ? '2026-01-01T00:00:00Z' : '2028-01-01T00:00:00Z'),
    statusHistory: [
      { status: 'ACTIVE', since: new Date('2024-01-01T00:00:00Z') },
      ...(status === 'SUSPENDED' || status === 'REVOKED'
        ? [{ status, since: new Date('2026-02-01T00:00:00Z') }]
        : []),
    ],
  };
}

const officer = (
  personId: string,
  organisationId = 'psb-yanta',
  credential = `CRED-${personId}`,
  status: QualificationStatus | 'EXPIRED' = 'ACTIVE',
): Officer => ({ personId, organisationId, qualification: qualification(credential, status) });

const zhang = officer('p-zhang');
const liu = officer('p-liu');

describe('assertCoSignature — the two-officer matrix (R18.1, R18.2)', () => {
  it.each([
    ['two qualified officers of the same organ', zhang, liu, 'ALLOWED'],
    ['no co-signer', zhang, undefined, 'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED'],
    ['a null co-signer', zhang, null, 'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED'],
    ['the filer co-signing their own request', zhang, zhang, 'CUSTOS_R18_1_SAME_OFFICER_TWICE'],
    [
      'the same person under another credential',
      zhang,
      officer('p-zhang', 'psb-yanta', 'CRED-other'),
      'CUSTOS_R18_1_SAME_OFFICER_TWICE',
    ],
    [
      'two persons showing one credential',
      zhang,
      officer('p-liu', 'psb-yanta', 'CRED-p-zhang'),
      'CUSTOS_R18_1_SAME_OFFICER_TWICE',
    ],
    [
      'a co-signer of another organ',
      zhang,
      officer('p-liu', 'psb-beilin'),
      'CUSTOS_R18_1_DIFFERENT_ORGAN',
    ],
    [
      'a filer with an expired qualification',
      officer('p-zhang', 'psb-yanta', 'CRED-p-zhang', 'EXPIRED'),
      liu,
      'CUSTOS_R18_2_QUALIFICATION_INVALID',
    ],
    [
      'a filer with a suspended qualification',
      officer('p-zhang', 'psb-yanta', 'CRED-p-zhang', 'SUSPENDED'),
      liu,
      'CUSTOS_R18_2_QUALIFICATION_INVALID',
    ],
    [
      'a co-signer with a revoked qualification',
      zhang,
      officer('p-liu', 'psb-yanta', 'CRED-p-liu', 'REVOKED'),
      'CUSTOS_R18_2_QUALIFICATION_INVALID',
    ],
    [
      'a co-signer with an expired qualification',
      zhang,
      officer('p-liu', 'psb-yanta', 'CRED-p-liu', 'EXPIRED'),
      'CUSTOS_R18_2_QUALIFICATION_INVALID',
    ],
  ] as const)('%s: %s', (_label, filer, coSigner, expected) => {
    const result = assertCoSignature({ filer, coSigner, at });
    expect(result.ok ? 'ALLOWED' : result.error.code).toBe(expected);
  });

  it('returns both credential numbers, filer first, for the register (R18.2, R16.6)', () => {
    expect(assertCoSignature({ filer: zhang, coSigner: liu, at })).toEqual({
      ok: true,
      value: { credentialNumbers: ['CRED-p-zhang', 'CRED-p-liu'] },
    });
  });

  it('says which officer holds the invalid qualification and why (R18.2)', () => {
    const result = assertCoSignature({
      filer: zhang,
      coSigner: officer('p-liu', 'psb-yanta', 'CRED-p-liu', 'SUSPENDED'),
      at,
    });
    expect(!result.ok && result.error.details).toMatchObject({
      role: 'coSigner',
      personId: 'p-liu',
      standing: 'SUSPENDED',
    });
  });

  it('judges qualifications at the instant of signing, not today (R18.2)', () => {
    const suspendedLater = officer('p-liu', 'psb-yanta', 'CRED-p-liu', 'SUSPENDED');
    expect(
      assertCoSignature({
        filer: zhang,
        coSigner: suspendedLater,
        at: new Date('2026-01-15T00:00:00Z'),
      }).ok,
    ).toBe(true);
  });
});

describe('assertOfficers — at least two distinct officers, and the policies beyond the text (R18.1)', () => {
  const wang = officer('p-wang');
  const codeOf = (result: ReturnType<typeof assertOfficers>) => (result.ok ? 'ALLOWED' : result.error.code);

  it('accepts three distinct qualified officers: at least two, not exactly two (R18.1)', () => {
    expect(assertOfficers([zhang, liu, wang], at)).toEqual({ ok: true, value: ['CRED-p-zhang', 'CRED-p-liu', 'CRED-p-wang'] });
  });

  it('refuses one officer alone (R18.1)', () => {
    expect(codeOf(assertOfficers([zhang], at))).toBe('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED');
  });

  it('refuses a person counted twice among three (R18.1)', () => {
    expect(codeOf(assertOfficers([zhang, liu, zhang], at))).toBe('CUSTOS_R18_1_SAME_OFFICER_TWICE');
  });

  it('refuses officers of two organs under the default policy officersOfOneOrgan (R18.1 policy)', () => {
    expect(codeOf(assertOfficers([zhang, officer('p-ma', 'psb-beilin')], at))).toBe('CUSTOS_R18_1_DIFFERENT_ORGAN');
  });

  it('accepts officers of two organs when the policy officersOfOneOrgan is off: the text does not ask it (R18.1)', () => {
    const policy = { ...DEFAULT_OFFICER_POLICY, officersOfOneOrgan: false };
    expect(codeOf(assertOfficers([zhang, officer('p-ma', 'psb-beilin')], at, policy))).toBe('ALLOWED');
    expect(
      assertCoSignature({ filer: zhang, coSigner: officer('p-ma', 'psb-beilin'), at, policy }).ok,
    ).toBe(true);
  });

  it('still refuses an unqualified officer whatever the policy (R18.2)', () => {
    const policy = { officersOfOneOrgan: false, onlySigners: false };
    expect(codeOf(assertOfficers([zhang, officer('p-x', 'psb-yanta', 'CRED-x', 'SUSPENDED')], at, policy))).toBe(
      'CUSTOS_R18_2_QUALIFICATION_INVALID',
    );
  });

  it('lets only the signers act under the default policy onlySigners, anyone qualified when it is off (R18.1 policy)', () => {
    expect(mayActOnRequest(DEFAULT_OFFICER_POLICY, ['p-zhang', 'p-liu'], 'p-wang')).toBe(false);
    expect(mayActOnRequest(DEFAULT_OFFICER_POLICY, ['p-zhang', 'p-liu'], 'p-liu')).toBe(true);
    expect(mayActOnRequest({ ...DEFAULT_OFFICER_POLICY, onlySigners: false }, ['p-zhang', 'p-liu'], 'p-wang')).toBe(true);
  });
});
