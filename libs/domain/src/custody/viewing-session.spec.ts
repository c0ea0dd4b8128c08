import { MAX_VIEWING_SESSION_MS } from './viewing-limit';
import { mayJoinViewing, mayOpenViewing, mayPlayViewing, ViewRequest, viewingOpenAt } from './viewing-session';

const NOW = new Date('2026-02-16T09:30:00.000Z');
const request = (overrides: Partial<ViewRequest> = {}): ViewRequest => ({
  requestId: 'req-1',
  status: 'CO_SIGNED',
  requestingOrganisationId: 'psb',
  requestingDivisionCode: '610113',
  caseReference: 'CASE-1',
  purpose: 'identify the suspect',
  imageSystemIds: ['sys-1'],
  cameraIds: ['cam-1'],
  ownerOrganisationIds: ['owner'],
  windowFrom: '2026-02-10T10:00:00.000Z',
  windowTo: '2026-02-10T11:00:00.000Z',
  filer: { personId: 'p-li', credentialNumber: 'C-1' },
  coSigner: { personId: 'p-zhang', credentialNumber: 'C-2' },
  ...overrides,
});
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);

describe('opening a viewing', () => {
  it('is the owner of the named systems\u2019 alone, and gives the co-signer (R3.1, R18.1)', () => {
    expect(codeOf(mayOpenViewing(request(), 'stranger', 60_000))).toBe('CUSTOS_R3_1_NOT_THE_SYSTEMS_OWNER');
    const may = mayOpenViewing(request(), 'owner', 60_000);
    expect(may.ok && may.value.personId).toBe('p-zhang');
  });

  it('refuses a request not co-signed, or withdrawn (R18.1, R18.3)', () => {
    expect(codeOf(mayOpenViewing(request({ status: 'FILED', coSigner: undefined }), 'owner', 60_000))).toBe('CUSTOS_R18_1_VIEW_NOT_CO_SIGNED');
    expect(codeOf(mayOpenViewing(request({ status: 'WITHDRAWN' }), 'owner', 60_000))).toBe('CUSTOS_R18_3_VIEW_REQUEST_WITHDRAWN');
  });

  it('refuses a session longer than the one viewing limit, or of no length (R18.4)', () => {
    expect(mayOpenViewing(request(), 'owner', MAX_VIEWING_SESSION_MS).ok).toBe(true);
    expect(codeOf(mayOpenViewing(request(), 'owner', MAX_VIEWING_SESSION_MS + 1))).toBe('CUSTOS_R18_4_SESSION_TOO_LONG');
    expect(codeOf(mayOpenViewing(request(), 'owner', 0))).toBe('CUSTOS_R18_4_SESSION_TOO_LONG');
  });
});

describe('an open viewing', () => {
  const session = { sessionId: 's-1', expiresAt: '2026-02-16T10:30:00.000Z' };

  it('is closed once its time runs out, or once ended (R18.4)', () => {
    expect(viewingOpenAt(session, NOW).ok).toBe(true);
    expect(codeOf(viewingOpenAt(session, new Date(session.expiresAt)))).toBe('CUSTOS_R18_4_SESSION_CLOSED');
    expect(codeOf(viewingOpenAt({ ...session, closed: { reason: 'CLOSED_BY_OWNER', at: NOW.toISOString() } }, NOW))).toBe('CUSTOS_R18_4_SESSION_CLOSED');
  });

  it('admits only the officers the policy names, a non-signer only of the requesting organ (R18.1)', () => {
    const s = { sessionId: 's-1', requestingOrganisationId: 'psb' };
    const wang = { personId: 'p-wang', organisationId: 'psb' };
    expect(codeOf(mayJoinViewing(s, wang, { mayJoin: false, isCoSigner: false }))).toBe('CUSTOS_R18_1_NOT_A_CO_SIGNER');
    expect(mayJoinViewing(s, wang, { mayJoin: true, isCoSigner: false }).ok).toBe(true);
    expect(codeOf(mayJoinViewing(s, { ...wang, organisationId: 'other' }, { mayJoin: true, isCoSigner: false }))).toBe('CUSTOS_R18_1_VIEWER_OF_ANOTHER_ORGAN');
  });

  it('plays only once two distinct officers are in, and only to them (R18.1)', () => {
    const one = new Map([['p-li', 'li']]);
    expect(codeOf(mayPlayViewing('s-1', one, 2, 'p-li'))).toBe('CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED');
    const two = new Map([...one, ['p-zhang', 'zhang']]);
    expect(mayPlayViewing('s-1', two, 2, 'p-zhang')).toEqual({ ok: true, value: 'zhang' });
    expect(codeOf(mayPlayViewing('s-1', two, 2, 'p-wang'))).toBe('CUSTOS_R18_1_NOT_A_VIEWER');
  });
});
