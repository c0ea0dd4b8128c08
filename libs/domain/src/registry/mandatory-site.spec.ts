import { assertResponsiblePsb, assertSystemCoversSite, MANDATORY_SITE_GRACE_DAYS, mandatorySiteDue, mandatorySiteRule } from './mandatory-site';
import { mandatorySiteFinding } from '../oversight/automatic-findings';

const MALL = 'HOTELS_MALLS_VENUES_RESIDENTIAL' as const;
const system = { id: 'sys-1', siteCategories: [MALL], divisionCode: '610113', removed: false };

describe('mandatory sites (R7.1, R7.2)', () => {
  it('places a category under R7.1 or R7.2 and refuses a voluntary one (R7.1, R7.2)', () => {
    expect(mandatorySiteRule(MALL)).toEqual({ ok: true, value: 'R7.1' });
    expect(mandatorySiteRule('WATER_WORKS')).toEqual({ ok: true, value: 'R7.2' });
    expect(mandatorySiteRule('VOLUNTARY')).toMatchObject({ ok: false, error: { code: 'CUSTOS_R7_1_NOT_A_MANDATORY_CATEGORY' } });
  });

  it('is recorded by a county-level or higher PSB over its own jurisdiction only (R7.1, R5.1)', () => {
    expect(assertResponsiblePsb({ type: 'PUBLIC_SECURITY', divisionCode: '610113' }, '610113001').ok).toBe(true);
    expect(assertResponsiblePsb({ type: 'PUBLIC_SECURITY', divisionCode: '610000' }, '610113').ok).toBe(true);
    expect(assertResponsiblePsb({ type: 'PUBLIC_SECURITY', divisionCode: '610113001' }, '610113001')).toMatchObject({ error: { code: 'CUSTOS_R7_1_NOT_A_COUNTY_PSB' } });
    expect(assertResponsiblePsb({ type: 'OWNER', divisionCode: '610113' }, '610113')).toMatchObject({ error: { code: 'CUSTOS_R7_1_NOT_A_COUNTY_PSB' } });
    expect(assertResponsiblePsb({ type: 'PUBLIC_SECURITY', divisionCode: '610103' }, '610113')).toMatchObject({ error: { code: 'CUSTOS_R7_1_SITE_OUTSIDE_JURISDICTION' } });
  });

  it('is covered only by a system in use, of its category, where it stands (R7.1)', () => {
    const site = { category: MALL, divisionCode: '610113001' };
    expect(assertSystemCoversSite(site, system).ok).toBe(true);
    expect(assertSystemCoversSite(site, { ...system, removed: true })).toMatchObject({ error: { code: 'CUSTOS_R7_1_COVERING_SYSTEM_REMOVED' } });
    expect(assertSystemCoversSite(site, { ...system, siteCategories: ['VOLUNTARY'] })).toMatchObject({ error: { code: 'CUSTOS_R7_1_SYSTEM_OF_ANOTHER_CATEGORY' } });
    expect(assertSystemCoversSite(site, { ...system, divisionCode: '610103' })).toMatchObject({ error: { code: 'CUSTOS_R7_1_SYSTEM_ELSEWHERE' } });
  });

  it(`is without a system for oversight ${MANDATORY_SITE_GRACE_DAYS} days after its duty began, not before (R7.1, R7.2)`, () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const due = new Date(since.getTime() + MANDATORY_SITE_GRACE_DAYS * 24 * 3600 * 1000);
    expect(mandatorySiteDue(since, new Date(due.getTime() - 1))).toEqual({ dueAt: due, overdue: false });
    expect(mandatorySiteDue(since, due)).toEqual({ dueAt: due, overdue: true });
    expect(mandatorySiteDue(since, since, 0).overdue).toBe(true);
  });
});

describe('the finding on a mandatory site without a system (R7.1, R7.2)', () => {
  it('cites the rule of its category, names the site, and attaches no penalty article (R7.1, R7.2)', () => {
    const finding = mandatorySiteFinding('R7.2', { id: 'site-market', name: 'Yanta farmers market' });
    expect(finding).toEqual({ rule: 'R7.2', description: expect.stringContaining('Yanta farmers market (site-market)') });
  });
});
