import { HeadTerm } from '../organisation/head-term';
import { RequestKind } from '../requests/request-kind';
import { organisationMayApprove, routeApprovalCase } from './approval-route';
import { assertCompetentApprover, Approver } from './competent-approver';
import { OrgName, ORGS } from './organisations.fixture';

const at = new Date('2026-02-15T12:00:00Z');
const FILER = 'p-filer';
const CO_SIGNER = 'p-co-signer';

/** The head of `org`, in office since 2025 with no end. */
function headOf(name: OrgName): Approver {
  const org = ORGS[name];
  const personId = `head-of-${org.id}`;
  const headTerms: HeadTerm[] = [
    { personId, organisationId: org.id, from: new Date('2025-01-01T00:00:00Z') },
  ];
  return { personId, org, headTerms };
}

function decide(
  requester: OrgName,
  kind: RequestKind,
  approver: Approver,
  signerPersonIds = [FILER, CO_SIGNER],
) {
  return assertCompetentApprover({
    request: { kind, requesterOrg: ORGS[requester] },
    approver,
    at,
    signerPersonIds,
  });
}

const codeOf = (result: ReturnType<typeof decide>) =>
  result.ok ? `ALLOWED ${result.value.rule}` : result.error.code;

type Row = readonly [requester: OrgName, kind: RequestKind, approver: OrgName, expected: string];

const MATRIX: readonly Row[] = [
  // Public security county bureau (Yanta, 610113) as requester.
  ['psbCounty', 'VIEW', 'psbCounty', 'CUSTOS_R17_1_NO_APPROVAL_REQUIRED'],
  ['psbCounty', 'COPY', 'psbCounty', 'ALLOWED R17.3'],
  ['psbCounty', 'COPY', 'psbCity', 'ALLOWED R17.3'],
  ['psbCounty', 'COPY', 'psbProvince', 'ALLOWED R17.3'],
  ['psbCounty', 'COPY', 'psbStation', 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY'],
  ['psbCounty', 'COPY', 'psbOtherCounty', 'CUSTOS_R17_3_OUTSIDE_JURISDICTION'],
  ['psbCounty', 'COPY', 'psbOtherProvince', 'CUSTOS_R17_3_OUTSIDE_JURISDICTION'],
  ['psbCounty', 'COPY', 'ssCounty', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['psbCounty', 'COPY', 'otherAdminCity', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['psbCounty', 'COPY', 'owner', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['psbCounty', 'COPY', 'oversight', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['psbCounty', 'RETRIEVE', 'psbCounty', 'ALLOWED R17.3'],
  ['psbCounty', 'RETRIEVE', 'psbCity', 'ALLOWED R17.3'],
  ['psbCounty', 'RETRIEVE', 'psbStationCountyCode', 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY'],
  ['psbCounty', 'RETRIEVE', 'psbOtherCounty', 'CUSTOS_R17_3_OUTSIDE_JURISDICTION'],
  ['psbCounty', 'RETRIEVE', 'ssProvince', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['psbCounty', 'DIRECT_ACCESS', 'psbCounty', 'ALLOWED R17.4'],
  ['psbCounty', 'DIRECT_ACCESS', 'psbCity', 'ALLOWED R17.4'],
  ['psbCounty', 'DIRECT_ACCESS', 'ssCounty', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['psbCounty', 'DIRECT_ACCESS', 'ssCity', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['psbCounty', 'DIRECT_ACCESS', 'ssOtherCity', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['psbCounty', 'DIRECT_ACCESS', 'psbOtherCounty', 'CUSTOS_R17_4_OUTSIDE_JURISDICTION'],
  ['psbCounty', 'DIRECT_ACCESS', 'psbStation', 'CUSTOS_R17_4_APPROVER_BELOW_COUNTY'],
  ['psbCounty', 'DIRECT_ACCESS', 'otherAdminCity', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['psbCounty', 'DIRECT_ACCESS', 'owner', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['psbCounty', 'DIRECT_ACCESS', 'oversight', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],

  // Township police station (610113001) as requester.
  ['psbStation', 'VIEW', 'psbCounty', 'CUSTOS_R17_1_NO_APPROVAL_REQUIRED'],
  ['psbStation', 'COPY', 'psbStation', 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY'],
  ['psbStation', 'COPY', 'psbStationCountyCode', 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY'],
  ['psbStation', 'COPY', 'psbCounty', 'ALLOWED R17.3'],
  ['psbStation', 'COPY', 'psbCity', 'ALLOWED R17.3'],
  ['psbStation', 'COPY', 'psbProvince', 'ALLOWED R17.3'],
  ['psbStation', 'COPY', 'psbOtherCounty', 'CUSTOS_R17_3_OUTSIDE_JURISDICTION'],
  ['psbStation', 'COPY', 'ssCounty', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['psbStation', 'RETRIEVE', 'psbStation', 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY'],
  ['psbStation', 'RETRIEVE', 'psbCounty', 'ALLOWED R17.3'],
  ['psbStation', 'DIRECT_ACCESS', 'psbStation', 'CUSTOS_R17_4_APPROVER_BELOW_COUNTY'],
  ['psbStation', 'DIRECT_ACCESS', 'psbCounty', 'ALLOWED R17.4'],
  ['psbStation', 'DIRECT_ACCESS', 'ssCounty', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['psbStation', 'DIRECT_ACCESS', 'psbOtherCounty', 'CUSTOS_R17_4_OUTSIDE_JURISDICTION'],
  ['psbStationCountyCode', 'COPY', 'psbCounty', 'ALLOWED R17.3'],

  // State security city organ (Xi'an, 610100) as requester.
  ['ssCity', 'VIEW', 'ssCity', 'CUSTOS_R17_1_NO_APPROVAL_REQUIRED'],
  ['ssCity', 'COPY', 'ssCity', 'ALLOWED R17.2'],
  ['ssCity', 'COPY', 'ssProvince', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],
  ['ssCity', 'COPY', 'ssCounty', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],
  ['ssCity', 'COPY', 'ssOtherCity', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],
  ['ssCity', 'COPY', 'psbCity', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],
  ['ssCity', 'COPY', 'psbProvince', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],
  ['ssCity', 'COPY', 'otherAdminCity', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],
  ['ssCity', 'RETRIEVE', 'ssCity', 'ALLOWED R17.2'],
  ['ssCity', 'RETRIEVE', 'psbCity', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],
  ['ssCity', 'DIRECT_ACCESS', 'ssCity', 'ALLOWED R17.4'],
  ['ssCity', 'DIRECT_ACCESS', 'ssProvince', 'ALLOWED R17.4'],
  ['ssCity', 'DIRECT_ACCESS', 'psbCity', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['ssCity', 'DIRECT_ACCESS', 'psbProvince', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['ssCity', 'DIRECT_ACCESS', 'ssCounty', 'CUSTOS_R17_4_OUTSIDE_JURISDICTION'],
  ['ssCity', 'DIRECT_ACCESS', 'psbCounty', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['ssCity', 'DIRECT_ACCESS', 'ssOtherCity', 'CUSTOS_R17_4_OUTSIDE_JURISDICTION'],
  ['ssCity', 'DIRECT_ACCESS', 'otherAdminCity', 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN'],
  ['ssCounty', 'COPY', 'ssCounty', 'ALLOWED R17.2'],
  ['ssCounty', 'RETRIEVE', 'ssCity', 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN'],

  // Other administrative department as requester.
  ['otherAdminCounty', 'VIEW', 'psbCounty', 'CUSTOS_R17_1_NO_APPROVAL_REQUIRED'],
  ['otherAdminCounty', 'COPY', 'psbCounty', 'ALLOWED R17.3'],
  ['otherAdminCounty', 'COPY', 'psbCity', 'ALLOWED R17.3'],
  ['otherAdminCounty', 'COPY', 'psbStation', 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY'],
  ['otherAdminCounty', 'COPY', 'psbOtherCounty', 'CUSTOS_R17_3_OUTSIDE_JURISDICTION'],
  ['otherAdminCounty', 'COPY', 'otherAdminCounty', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['otherAdminCounty', 'COPY', 'ssCounty', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['otherAdminCounty', 'RETRIEVE', 'psbProvince', 'ALLOWED R17.3'],
  ['otherAdminCounty', 'RETRIEVE', 'otherAdminCity', 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB'],
  ['otherAdminCounty', 'DIRECT_ACCESS', 'psbCounty', 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED'],
  ['otherAdminCounty', 'DIRECT_ACCESS', 'ssCounty', 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED'],
  ['otherAdminCity', 'COPY', 'psbCounty', 'CUSTOS_R17_3_OUTSIDE_JURISDICTION'],
  ['otherAdminCity', 'COPY', 'psbCity', 'ALLOWED R17.3'],
  ['otherAdminCity', 'RETRIEVE', 'psbProvince', 'ALLOWED R17.3'],

  // Owners and oversight bodies file no requests.
  ['owner', 'VIEW', 'psbCounty', 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED'],
  ['owner', 'COPY', 'psbCounty', 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED'],
  ['owner', 'RETRIEVE', 'psbCity', 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED'],
  ['owner', 'DIRECT_ACCESS', 'psbCounty', 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED'],
  ['oversight', 'VIEW', 'psbProvince', 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED'],
  ['oversight', 'COPY', 'psbProvince', 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED'],
  ['oversight', 'RETRIEVE', 'psbProvince', 'CUSTOS_R17_1_REQUESTER_NOT_ALLOWED'],
  ['oversight', 'DIRECT_ACCESS', 'ssProvince', 'CUSTOS_R17_4_DIRECT_ACCESS_NOT_ALLOWED'],
];

describe('assertCompetentApprover — routing matrix (R17.1–R17.4)', () => {
  it.each(MATRIX)('%s files %s, head of %s approves: %s', (requester, kind, approver, expected) => {
    expect(codeOf(decide(requester, kind, headOf(approver)))).toBe(expected);
  });

  it.each(
    MATRIX.filter((row) => !row[3].startsWith('CUSTOS_R17_1') && !row[3].endsWith('NOT_ALLOWED')),
  )(
    'puts %s %s in the queue of %s exactly when that head may approve: %s',
    (requester, kind, approver, expected) => {
      const route = routeApprovalCase({ kind, requesterOrg: ORGS[requester] });
      expect(route.ok && organisationMayApprove(route.value, ORGS[approver])).toBe(
        expected.startsWith('ALLOWED'),
      );
    },
  );
});

describe('assertCompetentApprover — named cases', () => {
  it('refuses a copy approved by a township police station head (R17.3)', () => {
    expect(codeOf(decide('psbStation', 'COPY', headOf('psbStation')))).toBe(
      'CUSTOS_R17_3_APPROVER_BELOW_COUNTY',
    );
  });

  it('lets the county bureau head approve a copy for a station of the county (R17.3)', () => {
    expect(codeOf(decide('psbStation', 'COPY', headOf('psbCounty')))).toBe('ALLOWED R17.3');
  });

  it('refuses a state security copy approved by a public security head (R17.2)', () => {
    expect(codeOf(decide('ssCity', 'COPY', headOf('psbCity')))).toBe(
      'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN',
    );
  });

  it("refuses a PSB head approving state security's direct access, and a state-security head the police's (R17.4)", () => {
    expect(codeOf(decide('ssCity', 'DIRECT_ACCESS', headOf('psbProvince')))).toBe(
      'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN',
    );
    expect(codeOf(decide('psbCounty', 'DIRECT_ACCESS', headOf('ssCounty')))).toBe(
      'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN',
    );
  });

  it("lets the bureau where the systems stand approve another county's copy of them (R17.3, territorial competence)", () => {
    const result = assertCompetentApprover({
      request: { kind: 'COPY', requesterOrg: ORGS.psbOtherCounty, systemDivisionCodes: ['610113'] },
      approver: headOf('psbCounty'),
      at,
      signerPersonIds: [FILER, CO_SIGNER],
    });
    expect(result).toEqual({ ok: true, value: { rule: 'R17.3' } });
    const elsewhere = assertCompetentApprover({
      request: { kind: 'COPY', requesterOrg: ORGS.psbOtherCounty, systemDivisionCodes: ['610113', '610103'] },
      approver: headOf('psbCounty'),
      at,
      signerPersonIds: [FILER, CO_SIGNER],
    });
    expect(!elsewhere.ok && elsewhere.error.code).toBe('CUSTOS_R17_3_OUTSIDE_JURISDICTION');
  });

  it('gives a county bureau registered with its city\'s code no city-wide jurisdiction (R17.3, territorial competence)', () => {
    const countyWithCityCode = { ...ORGS.psbCounty, id: 'psb-mislabelled', divisionCode: '610100' };
    const head = { ...headOf('psbCounty'), org: countyWithCityCode, headTerms: headOf('psbCounty').headTerms.map((t) => ({ ...t, organisationId: countyWithCityCode.id })) };
    const result = decide('psbOtherCounty', 'COPY', head);
    expect(codeOf(result)).toBe('CUSTOS_R17_3_OUTSIDE_JURISDICTION');
    expect(!result.ok && result.error.details).toMatchObject({ policy: 'POLICY_R17_3_TERRITORIAL_COMPETENCE' });
    expect(codeOf(decide('psbCounty', 'COPY', head))).toBe('CUSTOS_R17_3_OUTSIDE_JURISDICTION');
  });
});

describe('assertCompetentApprover — self-approval (R27.1)', () => {
  it('refuses a head who filed the request (R27.1)', () => {
    const head = headOf('psbCounty');
    expect(codeOf(decide('psbCounty', 'COPY', head, [head.personId, CO_SIGNER]))).toBe(
      'CUSTOS_R27_1_SELF_APPROVAL',
    );
  });

  it('refuses a head who co-signed the request (R27.1)', () => {
    const head = headOf('ssCity');
    expect(codeOf(decide('ssCity', 'RETRIEVE', head, [FILER, head.personId]))).toBe(
      'CUSTOS_R27_1_SELF_APPROVAL',
    );
  });

  it('refuses self-approval of direct access (R27.1)', () => {
    const head = headOf('psbCity');
    expect(codeOf(decide('psbCity', 'DIRECT_ACCESS', head, [head.personId, CO_SIGNER]))).toBe(
      'CUSTOS_R27_1_SELF_APPROVAL',
    );
  });
});

describe('assertCompetentApprover — head terms at the instant of approval (R17.2–R17.4)', () => {
  const former = (name: OrgName, from: string, to?: string): Approver => {
    const head = headOf(name);
    return {
      ...head,
      headTerms: [
        {
          personId: head.personId,
          organisationId: head.org.id,
          from: new Date(from),
          to: to ? new Date(to) : undefined,
        },
      ],
    };
  };

  it.each([
    ['ssCity', 'COPY', 'ssCity', 'CUSTOS_R17_2_HEAD_TERM_NOT_ACTIVE'],
    ['psbCounty', 'COPY', 'psbCounty', 'CUSTOS_R17_3_HEAD_TERM_NOT_ACTIVE'],
    ['psbCounty', 'DIRECT_ACCESS', 'psbCity', 'CUSTOS_R17_4_HEAD_TERM_NOT_ACTIVE'],
  ] as const)(
    'refuses a former head: %s %s approved by %s -> %s',
    (requester, kind, approver, code) => {
      expect(
        codeOf(
          decide(requester, kind, former(approver, '2020-01-01T00:00:00Z', '2026-01-01T00:00:00Z')),
        ),
      ).toBe(code);
    },
  );

  it('refuses a head whose term has not yet begun (R17.3)', () => {
    expect(codeOf(decide('psbCounty', 'COPY', former('psbCounty', '2026-03-01T00:00:00Z')))).toBe(
      'CUSTOS_R17_3_HEAD_TERM_NOT_ACTIVE',
    );
  });

  it('refuses a head whose term ended at the instant of approval (R17.3)', () => {
    expect(
      codeOf(
        decide('psbCounty', 'COPY', former('psbCounty', '2020-01-01T00:00:00Z', at.toISOString())),
      ),
    ).toBe('CUSTOS_R17_3_HEAD_TERM_NOT_ACTIVE');
  });

  it('accepts a head in the last millisecond of the term (R17.3)', () => {
    const end = new Date(at.getTime() + 1).toISOString();
    expect(
      codeOf(decide('psbCounty', 'COPY', former('psbCounty', '2020-01-01T00:00:00Z', end))),
    ).toBe('ALLOWED R17.3');
  });

  it('does not accept the head of another organ standing in for a member of a competent organ (R17.3)', () => {
    const beilinHead = headOf('psbOtherCounty');
    const impostor: Approver = {
      personId: beilinHead.personId,
      org: ORGS.psbCounty,
      headTerms: beilinHead.headTerms,
    };
    expect(codeOf(decide('psbCounty', 'COPY', impostor))).toBe('CUSTOS_R17_3_HEAD_TERM_NOT_ACTIVE');
  });
});
