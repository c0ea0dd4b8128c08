import {
  assertQualificationValid,
  Qualification,
  qualificationStandingAt,
  qualificationValidAt,
} from './qualification';

const at = (iso: string) => new Date(iso);

/** Issued 2024-01-01, suspended 2025-03-01, reinstated 2025-06-01, expires 2027-01-01. */
const qualification: Qualification = {
  credentialNumber: 'SX-610113-0042',
  issuedAt: at('2024-01-01T00:00:00Z'),
  expiresAt: at('2027-01-01T00:00:00Z'),
  statusHistory: [
    { status: 'ACTIVE', since: at('2024-01-01T00:00:00Z') },
    { status: 'SUSPENDED', since: at('2025-03-01T00:00:00Z') },
    { status: 'ACTIVE', since: at('2025-06-01T00:00:00Z') },
  ],
};

describe('qualificationValidAt, for any past instant (R18.2)', () => {
  it.each([
    ['before issue', '2023-12-31T23:59:59.999Z', 'NOT_YET_ISSUED'],
    ['at the instant of issue', '2024-01-01T00:00:00Z', 'VALID'],
    ['during the first active period', '2024-07-01T00:00:00Z', 'VALID'],
    ['at the instant of suspension', '2025-03-01T00:00:00Z', 'SUSPENDED'],
    ['during the suspension', '2025-04-15T00:00:00Z', 'SUSPENDED'],
    ['after reinstatement', '2025-06-01T00:00:00Z', 'VALID'],
    ['the last millisecond before expiry', '2026-12-31T23:59:59.999Z', 'VALID'],
    ['at the instant of expiry', '2027-01-01T00:00:00Z', 'EXPIRED'],
    ['after expiry', '2028-01-01T00:00:00Z', 'EXPIRED'],
  ])('%s (%s) is %s', (_label, instant, standing) => {
    expect(qualificationStandingAt(qualification, at(instant))).toBe(standing);
    expect(qualificationValidAt(qualification, at(instant))).toBe(standing === 'VALID');
  });

  it('treats a revocation as final even if an ACTIVE entry follows it (R18.2)', () => {
    const revoked: Qualification = {
      ...qualification,
      statusHistory: [
        ...qualification.statusHistory,
        { status: 'REVOKED', since: at('2026-01-01T00:00:00Z') },
        { status: 'ACTIVE', since: at('2026-02-01T00:00:00Z') },
      ],
    };
    expect(qualificationStandingAt(revoked, at('2025-12-31T00:00:00Z'))).toBe('VALID');
    expect(qualificationStandingAt(revoked, at('2026-01-01T00:00:00Z'))).toBe('REVOKED');
    expect(qualificationStandingAt(revoked, at('2026-03-01T00:00:00Z'))).toBe('REVOKED');
  });

  it('reads the history in time order whatever order it is stored in (R18.2)', () => {
    const shuffled: Qualification = {
      ...qualification,
      statusHistory: [...qualification.statusHistory].reverse(),
    };
    expect(qualificationStandingAt(shuffled, at('2025-04-15T00:00:00Z'))).toBe('SUSPENDED');
    expect(qualificationStandingAt(shuffled, at('2025-07-01T00:00:00Z'))).toBe('VALID');
  });

  it('does not let an officer through when no status was recorded (R18.2)', () => {
    const noHistory: Qualification = { ...qualification, statusHistory: [] };
    expect(qualificationStandingAt(noHistory, at('2024-07-01T00:00:00Z'))).toBe('NO_STATUS');
  });
});

describe('assertQualificationValid (R18.2)', () => {
  it('returns the credential number to record when valid', () => {
    const result = assertQualificationValid(qualification, at('2024-07-01T00:00:00Z'));
    expect(result).toEqual({ ok: true, value: 'SX-610113-0042' });
  });

  it('refuses a suspended qualification with the standing in the details (R18.2)', () => {
    const result = assertQualificationValid(qualification, at('2025-04-15T00:00:00Z'), {
      personId: 'p-1',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      code: 'CUSTOS_R18_2_QUALIFICATION_INVALID',
      rule: 'R18.2',
      details: { standing: 'SUSPENDED', credentialNumber: 'SX-610113-0042', personId: 'p-1' },
    });
  });
});
