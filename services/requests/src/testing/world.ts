import { Principal } from '@custos/auth';
import { Organisation, OrganisationType } from '@custos/domain';

/**
 * A small Xi'an world for the requests suites (the approvals service keeps its own copy: services do not import each other): organs of each type and
 * level, their heads (one former, one future), officers and cameras. Plain JSON, so that it
 * can be handed to the requests service's process as well.
 */
const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();
const iso = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();

export const ORGS = {
  psbXian: { id: 'psb-xian', type: 'PUBLIC_SECURITY', level: 'CITY', divisionCode: '610100' },
  psbYanta: { id: 'psb-yanta', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
  psbBeilin: { id: 'psb-beilin', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610103' },
  stationYanta: { id: 'station-yanta', type: 'PUBLIC_SECURITY', level: 'BELOW_COUNTY', divisionCode: '610113001' },
  ssYanta: { id: 'ss-yanta', type: 'STATE_SECURITY', level: 'COUNTY', divisionCode: '610113' },
  ssBeilin: { id: 'ss-beilin', type: 'STATE_SECURITY', level: 'COUNTY', divisionCode: '610103' },
  marketYanta: { id: 'market-yanta', type: 'OTHER_ADMIN', level: 'COUNTY', divisionCode: '610113' },
  ownerMall: { id: 'owner-mall', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' },
} satisfies Record<string, Organisation>;

/** Written out by hand from the division codes: which organ's area covers which (R5.1). */
export const COVERS: Record<string, string[]> = {
  'psb-xian': ['psb-xian', 'psb-yanta', 'psb-beilin', 'station-yanta', 'ss-yanta', 'ss-beilin', 'market-yanta'],
  'psb-yanta': ['psb-yanta', 'station-yanta', 'ss-yanta', 'market-yanta'],
  'psb-beilin': ['psb-beilin', 'ss-beilin'],
  'station-yanta': ['station-yanta'],
  'ss-yanta': ['psb-yanta', 'station-yanta', 'ss-yanta', 'market-yanta'],
  'ss-beilin': ['psb-beilin', 'ss-beilin'],
  'market-yanta': ['psb-yanta', 'station-yanta', 'ss-yanta', 'market-yanta'],
};

const REQUESTERS = ['psbYanta', 'stationYanta', 'ssYanta', 'marketYanta', 'psbBeilin'] as const;

function officer(personId: string, organisationId: string, credentialNumber: string, extra: Partial<{ expiresAt: string; suspendedSince: string }> = {}) {
  return {
    personId,
    organisationId,
    qualification: {
      credentialNumber,
      issuedAt: iso(-400),
      expiresAt: extra.expiresAt ?? iso(400),
      statusHistory: [
        { status: 'ACTIVE' as const, since: iso(-400) },
        ...(extra.suspendedSince ? [{ status: 'SUSPENDED' as const, since: extra.suspendedSince }] : []),
      ],
    },
  };
}

export const headOf = (orgId: string) => `head-${orgId}`;

export const WORLD = {
  organisations: Object.values(ORGS),
  officers: [
    ...REQUESTERS.flatMap((key) => {
      const id = ORGS[key].id;
      return [officer(`${id}-a`, id, `CRED-${id}-A`), officer(`${id}-b`, id, `CRED-${id}-B`)];
    }),
    officer('psb-yanta-expired', 'psb-yanta', 'CRED-psb-yanta-X', { expiresAt: iso(-1) }),
    officer('psb-yanta-suspended', 'psb-yanta', 'CRED-psb-yanta-S', { suspendedSince: iso(-2) }),
    // The head of the Yanta bureau is also one of its officers: they may sign, but not approve what they signed (R27.1).
    officer(headOf('psb-yanta'), 'psb-yanta', 'CRED-psb-yanta-HEAD'),
  ],
  headTerms: [
    ...Object.values(ORGS)
      .filter((o) => o.type !== 'OWNER')
      .map((o) => ({ personId: headOf(o.id), organisationId: o.id, from: iso(-300) })),
    { personId: 'former-head-psb-yanta', organisationId: 'psb-yanta', from: iso(-900), to: iso(-300) },
    { personId: 'future-head-psb-yanta', organisationId: 'psb-yanta', from: iso(30) },
  ],
  cameras: [
    { id: 'cam-mall-1', imageSystemId: 'sys-mall', ownerOrganisationId: 'owner-mall', retentionDays: 30 },
    { id: 'cam-mall-2', imageSystemId: 'sys-mall', ownerOrganisationId: 'owner-mall', retentionDays: 30 },
  ],
};

export function orgById(id: string): Organisation {
  const org = Object.values(ORGS).find((o) => o.id === id);
  if (!org) throw new Error(`no organisation ${id}`);
  return org;
}

export function principalFor(personId: string, organisationId: string, roles: Principal['roles'], credentialNumber?: string): Principal {
  const org = orgById(organisationId);
  return {
    subject: `sub-${personId}`,
    personId,
    organisationId,
    organisationType: org.type as OrganisationType,
    divisionCode: org.divisionCode,
    roles,
    ...(credentialNumber ? { credentialNumber } : {}),
  };
}

export const officerPrincipal = (personId: string, organisationId: string) => principalFor(personId, organisationId, ['OFFICER']);
export const approverPrincipal = (organisationId: string, personId = headOf(organisationId)) => principalFor(personId, organisationId, ['APPROVER']);
export const ownerPrincipal = (organisationId: string) => principalFor(`${organisationId}-operator`, organisationId, ['OWNER_OPERATOR']);

/**
 * Who may approve what, written from REGULATION.md (not from the domain code it checks):
 * R17.4 direct access — a PSB or state-security head, county or above, covering the requester;
 * R17.2 state security — the head of the requesting organ itself;
 * R17.3 otherwise — a PSB head, county or above, covering the requester.
 */
export function expectedDecision(requesterId: string, kind: string, approverId: string): string {
  const requester = orgById(requesterId);
  const approver = orgById(approverId);
  const atLeastCounty = approver.level !== 'BELOW_COUNTY';
  const covers = (COVERS[approverId] ?? []).includes(requesterId);
  if (kind === 'DIRECT_ACCESS') {
    if (approver.type !== 'PUBLIC_SECURITY' && approver.type !== 'STATE_SECURITY') return 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN';
    if (!atLeastCounty) return 'CUSTOS_R17_4_APPROVER_BELOW_COUNTY';
    if (!covers) return 'CUSTOS_R17_4_OUTSIDE_JURISDICTION';
    return 'R17.4';
  }
  if (requester.type === 'STATE_SECURITY') return approverId === requesterId ? 'R17.2' : 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN';
  if (approver.type !== 'PUBLIC_SECURITY') return 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB';
  if (!atLeastCounty) return 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY';
  if (!covers) return 'CUSTOS_R17_3_OUTSIDE_JURISDICTION';
  return 'R17.3';
}
