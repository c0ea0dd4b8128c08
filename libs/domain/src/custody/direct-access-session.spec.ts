import { directAccessOpenAt, DirectAccessGrantState, mayEndDirectAccess, mayJoinDirectAccess, mayOpenDirectAccess, mayUseDirectAccess } from './direct-access-session';
import { MAX_VIEWING_SESSION_MS } from './viewing-limit';

const NOW = new Date('2026-02-16T09:30:00.000Z');
const HOUR = 3_600_000;
const grant = (overrides: Partial<DirectAccessGrantState> = {}): DirectAccessGrantState => ({
  requestId: 'req-1',
  status: 'GRANTED',
  requestingOrganisationId: 'psb',
  approvalDocumentNumber: '610113-001-2026-000042',
  grantFrom: '2026-02-16T00:00:00.000Z',
  grantTo: '2026-02-17T00:00:00.000Z',
  validUntil: '2026-02-20T00:00:00.000Z',
  ...overrides,
});
const psb = { organisationId: 'psb' };
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);

describe('opening a direct-access session (R17.4, R18.4, R18.5)', () => {
  it('opens an approved grant for an officer of the granted organ, within its period, for at most the viewing limit (R17.4, R18.4)', () => {
    expect(mayOpenDirectAccess(grant(), psb, HOUR, NOW)).toMatchObject({ ok: true, value: { expiresAt: new Date(NOW.getTime() + HOUR) } });
    expect(codeOf(mayOpenDirectAccess(grant(), { organisationId: 'other' }, HOUR, NOW))).toBe('CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN');
    expect(codeOf(mayOpenDirectAccess(grant({ grantFrom: '2026-02-16T10:00:00.000Z' }), psb, HOUR, NOW))).toBe('CUSTOS_R17_4_OUTSIDE_GRANT');
    expect(codeOf(mayOpenDirectAccess(grant(), psb, MAX_VIEWING_SESSION_MS + 1, NOW))).toBe('CUSTOS_R18_4_DIRECT_ACCESS_TOO_LONG');
    expect(codeOf(mayOpenDirectAccess(grant(), psb, 0, NOW))).toBe('CUSTOS_R18_4_DIRECT_ACCESS_TOO_LONG');
  });

  it('cuts the session at the end of the grant or of the document, whichever comes first (R17.4)', () => {
    const ending = mayOpenDirectAccess(grant({ validUntil: '2026-02-16T10:00:00.000Z' }), psb, MAX_VIEWING_SESSION_MS, NOW);
    expect(ending.ok && ending.value.expiresAt.toISOString()).toBe('2026-02-16T10:00:00.000Z');
    expect(codeOf(mayOpenDirectAccess(grant({ validUntil: NOW.toISOString() }), psb, HOUR, NOW))).toBe('CUSTOS_R17_4_OUTSIDE_GRANT');
  });

  it('refuses a revoked document, and a case not (yet) granted (R18.5, R17.4)', () => {
    expect(codeOf(mayOpenDirectAccess(grant({ status: 'REVOKED' }), psb, HOUR, NOW))).toBe('CUSTOS_R18_5_REVOKED');
    expect(codeOf(mayOpenDirectAccess(grant({ status: 'PENDING' }), psb, HOUR, NOW))).toBe('CUSTOS_R17_4_NOT_GRANTED');
  });
});

describe('an open direct-access session (R18.1, R18.4)', () => {
  const session = { sessionId: 's-1', requestId: 'req-1', requestingOrganisationId: 'psb', expiresAt: '2026-02-16T10:30:00.000Z' };
  const one = new Map([['p-li', 'li']]);
  const two = new Map([...one, ['p-zhang', 'zhang']]);

  it('is ended once its time runs out, or once ended (R18.4)', () => {
    expect(directAccessOpenAt(session, NOW).ok).toBe(true);
    expect(codeOf(directAccessOpenAt(session, new Date(session.expiresAt)))).toBe('CUSTOS_R18_4_DIRECT_ACCESS_ENDED');
    expect(codeOf(directAccessOpenAt({ ...session, ended: { reason: 'DOCUMENT_REVOKED', at: NOW.toISOString() } }, NOW))).toBe('CUSTOS_R18_4_DIRECT_ACCESS_ENDED');
  });

  it('admits only officers of the granted organ (R17.4)', () => {
    expect(mayJoinDirectAccess(session, psb, NOW).ok).toBe(true);
    expect(codeOf(mayJoinDirectAccess(session, { organisationId: 'other' }, NOW))).toBe('CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN');
  });

  it('gives access only once two officers are in, and only to them (R18.1)', () => {
    expect(codeOf(mayUseDirectAccess(session, one, 'p-li', NOW))).toBe('CUSTOS_R18_1_TWO_OFFICERS_REQUIRED');
    expect(mayUseDirectAccess(session, two, 'p-zhang', NOW)).toEqual({ ok: true, value: 'zhang' });
    expect(codeOf(mayUseDirectAccess(session, two, 'p-wang', NOW))).toBe('CUSTOS_R18_1_NOT_IN_SESSION');
  });

  it('is ended only by one of its officers, while open (R18.4)', () => {
    expect(mayEndDirectAccess(session, one, 'p-li', NOW).ok).toBe(true);
    expect(codeOf(mayEndDirectAccess(session, one, 'p-wang', NOW))).toBe('CUSTOS_R18_1_NOT_IN_SESSION');
    expect(codeOf(mayEndDirectAccess(session, one, 'p-li', new Date(session.expiresAt)))).toBe('CUSTOS_R18_4_DIRECT_ACCESS_ENDED');
  });
});
