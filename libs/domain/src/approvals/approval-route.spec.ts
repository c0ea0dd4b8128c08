import { routeApprovalCase, unregisteredApproverRefusal } from './approval-route';
import { ORGS } from './organisations.fixture';

describe('routeApprovalCase (R17.2–R17.4)', () => {
  it('routes a state security copy to the head of that same organ (R17.2)', () => {
    expect(routeApprovalCase({ kind: 'COPY', requesterOrg: ORGS.ssCity })).toEqual({
      ok: true,
      value: {
        rule: 'R17.2',
        approverOrgTypes: ['STATE_SECURITY'],
        minLevel: null,
        mustBeOrgId: 'ss-xian',
        jurisdictionMustContain: null,
      },
    });
  });

  it('routes a police station retrieval to county-level-or-above public security covering it (R17.3)', () => {
    expect(routeApprovalCase({ kind: 'RETRIEVE', requesterOrg: ORGS.psbStation })).toEqual({
      ok: true,
      value: {
        rule: 'R17.3',
        approverOrgTypes: ['PUBLIC_SECURITY'],
        minLevel: 'COUNTY',
        mustBeOrgId: null,
        jurisdictionMustContain: '610113001',
      },
    });
  });

  it('routes an other-admin copy like a public security one (R17.3)', () => {
    const route = routeApprovalCase({ kind: 'COPY', requesterOrg: ORGS.otherAdminCity });
    expect(route.ok && route.value).toMatchObject({
      rule: 'R17.3',
      jurisdictionMustContain: '610100',
    });
  });

  it('routes state security direct access to county-level-or-above state security covering the requester (R17.4)', () => {
    expect(routeApprovalCase({ kind: 'DIRECT_ACCESS', requesterOrg: ORGS.ssCity })).toEqual({
      ok: true,
      value: {
        rule: 'R17.4',
        approverOrgTypes: ['STATE_SECURITY'],
        minLevel: 'COUNTY',
        mustBeOrgId: null,
        jurisdictionMustContain: '610100',
      },
    });
  });

  it('routes police direct access to county-level-or-above public security only (R17.4)', () => {
    const route = routeApprovalCase({ kind: 'DIRECT_ACCESS', requesterOrg: ORGS.psbStation });
    expect(route.ok && route.value.approverOrgTypes).toEqual(['PUBLIC_SECURITY']);
  });

  it('opens no approval case for a view (R17.1)', () => {
    const route = routeApprovalCase({ kind: 'VIEW', requesterOrg: ORGS.psbCounty });
    expect(!route.ok && route.error.code).toBe('CUSTOS_R17_1_NO_APPROVAL_REQUIRED');
  });

  it('opens no approval case for a requester that may not file (R17.1, R17.4)', () => {
    const owner = routeApprovalCase({ kind: 'COPY', requesterOrg: ORGS.owner });
    const otherAdmin = routeApprovalCase({
      kind: 'DIRECT_ACCESS',
      requesterOrg: ORGS.otherAdminCounty,
    });
    expect(!owner.ok && owner.error.code).toBe('CUSTOS_R17_1_REQUESTER_NOT_ALLOWED');
    expect(!otherAdmin.ok && otherAdmin.error.code).toBe('CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED');
  });
});

describe('unregisteredApproverRefusal (R17.2–R17.4)', () => {
  it.each([
    ['R17.2', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],
    ['R17.3', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
    ['R17.4', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ] as const)('answers an approver of an unregistered organisation on a %s route with that rule, not R17.1', (rule, code) => {
    expect(unregisteredApproverRefusal(rule, 'org-nowhere')).toMatchObject({
      code,
      rule,
      details: { approverOrgId: 'org-nowhere', registered: false },
    });
  });
});
