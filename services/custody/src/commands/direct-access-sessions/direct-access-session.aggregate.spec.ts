import { CustodyOfficer } from '@custos/contracts';
import type { DirectAccessGrant } from './direct-access-grants.table';
import { DirectAccessSession } from './direct-access-session.aggregate';

const NOW = new Date('2026-02-16T09:30:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const officerOf = (name: string, organisationId = 'psb'): CustodyOfficer => ({
  personId: `p-${name}`,
  subject: `s-${name}`,
  organisationId,
  credentialNumber: `C-${name}`,
});
const li = officerOf('li');
const zhang = officerOf('zhang');

const grant = (overrides: Partial<DirectAccessGrant> = {}): DirectAccessGrant => ({
  requestId: 'req-da',
  status: 'GRANTED',
  requestingOrganisationId: 'psb',
  requestingDivisionCode: '610113',
  ownerOrganisationIds: ['owner'],
  cameraIds: ['cam-1'],
  caseReference: 'CASE-1',
  purpose: 'watch the square',
  approvalDocumentNumber: '610113-001-2026-000001',
  issuingOrganisationId: 'psb',
  grantFrom: at(-60).toISOString(),
  grantTo: at(120).toISOString(),
  validUntil: at(120).toISOString(),
  ...overrides,
});

function open(g: DirectAccessGrant = grant(), minutes = 60, opener = li, now = NOW) {
  const session = new DirectAccessSession('direct-access-session:s-1');
  return { session, result: session.open({ sessionId: 's-1', grant: g, opener, durationMs: minutes * 60_000, now }) };
}

describe('DirectAccessSession (R17.4, R18.1, R18.4)', () => {
  it('opens within the grant, the opener its first officer, and never outlives the grant (R17.4)', () => {
    const { session, result } = open(grant(), 240);
    expect(result.ok).toBe(true);
    expect(session.opened.expiresAt).toBe(at(120).toISOString());
    expect([...session.officers.keys()]).toEqual(['p-li']);
  });

  it.each([
    ['for a revoked grant', grant({ status: 'REVOKED' }), li, NOW, 'CUSTOS_R18_5_REVOKED'],
    ['for a pending grant', grant({ status: 'PENDING' }), li, NOW, 'CUSTOS_R17_4_NOT_GRANTED'],
    ['by an officer of another organ', grant(), officerOf('chen', 'other-psb'), NOW, 'CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN'],
    ['before the grant period', grant(), li, at(-61), 'CUSTOS_R17_4_OUTSIDE_GRANT'],
    ['once the document is no longer valid', grant({ validUntil: at(-1).toISOString() }), li, NOW, 'CUSTOS_R17_4_OUTSIDE_GRANT'],
  ])('refuses to open %s, recording nothing (R17.4)', (_what, g, opener, now, code) => {
    const { session, result } = open(g, 60, opener, now);
    expect(!result.ok && result.error.code).toBe(code);
    expect(session.getUncommittedEvents()).toHaveLength(0);
  });

  it('refuses a session longer than 4 hours (R18.4)', () => {
    expect(open(grant({ grantTo: at(600).toISOString(), validUntil: at(600).toISOString() }), 241).result).toMatchObject({
      ok: false,
      error: { code: 'CUSTOS_R18_4_DIRECT_ACCESS_TOO_LONG' },
    });
  });

  it('grants access only once two officers are in, and only to them (R18.1)', () => {
    const { session } = open();
    expect(session.mayAccess('p-li', NOW)).toMatchObject({ ok: false, error: { code: 'CUSTOS_R18_1_TWO_OFFICERS_REQUIRED' } });
    expect(session.join(zhang, NOW)).toEqual({ ok: true, value: { joinedNow: true } });
    expect(session.join(zhang, NOW)).toEqual({ ok: true, value: { joinedNow: false } });
    expect(session.mayAccess('p-zhang', NOW).ok).toBe(true);
    expect(session.mayAccess('p-wang', NOW)).toMatchObject({ ok: false, error: { code: 'CUSTOS_R18_1_NOT_IN_SESSION' } });
    expect(session.join(officerOf('chen', 'other-psb'), NOW)).toMatchObject({ ok: false, error: { code: 'CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN' } });
  });

  it('is cut once by a revocation, and expires at its expiry, not at the sweep (R17.4)', () => {
    const revoked = open().session;
    expect(revoked.endForRevokedDocument('p-head', at(5))).toBe(true);
    expect(revoked.endForRevokedDocument('p-head', at(6))).toBe(false);
    expect(revoked.mayAccess('p-li', at(7))).toMatchObject({ ok: false, error: { code: 'CUSTOS_R18_4_DIRECT_ACCESS_ENDED' } });

    const timed = open(grant(), 30).session;
    expect(timed.expireIfDue(at(29))).toBe(false);
    expect(timed.expireIfDue(at(45))).toBe(true);
    expect(timed.ended).toMatchObject({ reason: 'EXPIRED', at: at(30).toISOString() });
  });
});
