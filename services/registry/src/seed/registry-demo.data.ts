import { SERVICE_SCOPES, type DevUser } from '@custos/auth';
import type { CameraLocationCategory, OrganisationLevel, OrganisationType } from '@custos/domain';
import type { ImageSystemProps } from '../domain/image-system.aggregate';

/**
 * The demonstration registry of the embedded mode: a Shaanxi chain of public security organs
 * down to a police station, a state-security bureau, a market-regulation department, owners
 * with systems at mandatory sites, officers with valid, expired and suspended credentials,
 * heads for each organ, and one camera the regulation forbids (R8.1).
 */
export interface DemoOrganisation {
  readonly id: string;
  readonly name: string;
  readonly type: OrganisationType;
  readonly level: OrganisationLevel;
  readonly divisionCode: string;
  readonly parentId?: string;
  readonly heads: readonly { readonly personId: string; readonly name: string; readonly from: string; readonly to?: string }[];
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { id: 'org-psb-shaanxi', name: 'Shaanxi Provincial Public Security Department (陕西省公安厅)', type: 'PUBLIC_SECURITY', level: 'PROVINCE', divisionCode: '610000', heads: [{ personId: 'person-head-shaanxi', name: 'Zhao Jianguo', from: '2023-01-01T00:00:00Z' }] },
  { id: 'org-psb-xian', name: "Xi'an Municipal Public Security Bureau (西安市公安局)", type: 'PUBLIC_SECURITY', level: 'CITY', divisionCode: '610100', parentId: 'org-psb-shaanxi', heads: [{ personId: 'person-head-xian', name: 'Qian Zhiyuan', from: '2023-01-01T00:00:00Z' }] },
  {
    id: 'org-psb-yanta', name: 'Yanta District Public Security Sub-bureau (雁塔分局)', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113', parentId: 'org-psb-xian',
    heads: [
      { personId: 'person-head-yanta-former', name: 'Sun Lihua', from: '2020-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' },
      { personId: 'person-head-yanta', name: 'Zhou Yongming', from: '2024-01-01T00:00:00Z' },
    ],
  },
  { id: 'org-ps-xiaozhai', name: 'Xiaozhai Road Police Station (小寨路派出所)', type: 'PUBLIC_SECURITY', level: 'BELOW_COUNTY', divisionCode: '610113001', parentId: 'org-psb-yanta', heads: [{ personId: 'person-head-xiaozhai', name: 'Wu Haitao', from: '2023-06-01T00:00:00Z' }] },
  { id: 'org-ss-xian', name: "Xi'an State Security Bureau (西安市国家安全局)", type: 'STATE_SECURITY', level: 'CITY', divisionCode: '610100', heads: [{ personId: 'person-head-ss-xian', name: 'Zheng Weidong', from: '2022-03-01T00:00:00Z' }] },
  { id: 'org-amr-yanta', name: 'Yanta District Market Regulation Bureau (雁塔区市场监督管理局)', type: 'OTHER_ADMIN', level: 'COUNTY', divisionCode: '610113', heads: [{ personId: 'person-head-amr-yanta', name: 'Wang Liping', from: '2022-09-01T00:00:00Z' }] },
  { id: 'org-oversight-shaanxi', name: 'Shaanxi Provincial Procuratorate, supervision office (陕西省人民检察院)', type: 'OVERSIGHT', level: 'PROVINCE', divisionCode: '610000', heads: [{ personId: 'person-head-oversight', name: 'Feng Zhengqing', from: '2022-01-01T00:00:00Z' }] },
  { id: 'org-owner-metro', name: "Xi'an Metro Operation Co. (西安地铁运营)", type: 'OWNER', level: 'CITY', divisionCode: '610100', heads: [] },
  { id: 'org-owner-mall', name: 'Saige International Shopping Centre (赛格国际购物中心)', type: 'OWNER', level: 'COUNTY', divisionCode: '610113', heads: [] },
  { id: 'org-owner-bank', name: 'Bank of Xi\'an, Xiaozhai Branch (西安银行小寨支行)', type: 'OWNER', level: 'COUNTY', divisionCode: '610113', heads: [] },
  { id: 'org-owner-hotel', name: 'Qujiang Star Hotel (曲江星级酒店)', type: 'OWNER', level: 'COUNTY', divisionCode: '610113', heads: [] },
];

export interface DemoOfficer {
  readonly id: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly name: string;
  readonly credentialNumber: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly suspendedSince?: string;
}

export const DEMO_OFFICERS: readonly DemoOfficer[] = [
  { id: 'off-yanta-li', personId: 'person-officer-li', organisationId: 'org-psb-yanta', name: 'Li Wei', credentialNumber: '61011300101', issuedAt: '2022-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
  { id: 'off-yanta-zhang', personId: 'person-officer-zhang', organisationId: 'org-psb-yanta', name: 'Zhang Min', credentialNumber: '61011300102', issuedAt: '2022-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
  { id: 'off-yanta-zhao', personId: 'person-officer-zhao', organisationId: 'org-psb-yanta', name: 'Zhao Lei (expired credential)', credentialNumber: '61011300103', issuedAt: '2019-01-01T00:00:00Z', expiresAt: '2024-01-01T00:00:00Z' },
  { id: 'off-yanta-sun', personId: 'person-officer-sun', organisationId: 'org-psb-yanta', name: 'Sun Jie (suspended)', credentialNumber: '61011300104', issuedAt: '2021-01-01T00:00:00Z', expiresAt: '2031-01-01T00:00:00Z', suspendedSince: '2025-06-01T00:00:00Z' },
  { id: 'off-xiaozhai-wu', personId: 'person-officer-wu', organisationId: 'org-ps-xiaozhai', name: 'Wu Gang', credentialNumber: '61011300201', issuedAt: '2023-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
  { id: 'off-ss-chen', personId: 'person-officer-chen', organisationId: 'org-ss-xian', name: 'Chen Hao', credentialNumber: '61010090001', issuedAt: '2022-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
  { id: 'off-ss-liu', personId: 'person-officer-liu', organisationId: 'org-ss-xian', name: 'Liu Yang', credentialNumber: '61010090002', issuedAt: '2022-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
  { id: 'off-amr-zhou', personId: 'person-officer-zhou', organisationId: 'org-amr-yanta', name: 'Zhou Fang', credentialNumber: '61011370001', issuedAt: '2022-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
  { id: 'off-amr-qian', personId: 'person-officer-qian', organisationId: 'org-amr-yanta', name: 'Qian Jun', credentialNumber: '61011370002', issuedAt: '2022-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
];

export interface DemoSystem extends ImageSystemProps {
  readonly id: string;
  readonly cameras: readonly { readonly id: string; readonly name: string; readonly locationCategory: CameraLocationCategory; readonly location: string }[];
}

export const DEMO_SYSTEMS: readonly DemoSystem[] = [
  {
    id: 'sys-metro-xiaozhai', ownerOrganisationId: 'org-owner-metro', name: 'Metro Line 2/3 Xiaozhai station', siteCategories: ['TRANSPORT_HUBS', 'ROADS_BRIDGES_TUNNELS_CHECKPOINTS'],
    divisionCode: '610113', location: 'Xiaozhai interchange station', inPublicPlace: true, signageShown: true,
    cameras: [
      { id: 'cam-metro-xiaozhai-platform-2', name: 'Line 2 platform', locationCategory: 'PLATFORM', location: 'Line 2 platform, north end' },
      { id: 'cam-metro-xiaozhai-exit-d', name: 'Exit D', locationCategory: 'ENTRANCE', location: 'Exit D stairway top' },
    ],
  },
  {
    id: 'sys-mall-saige', ownerOrganisationId: 'org-owner-mall', name: 'Saige mall public areas', siteCategories: ['HOTELS_MALLS_VENUES_RESIDENTIAL'],
    divisionCode: '610113', location: 'Saige International Shopping Centre, Xiaozhai', inPublicPlace: true, signageShown: true,
    cameras: [
      { id: 'cam-mall-main-entrance', name: 'Main entrance', locationCategory: 'ENTRANCE', location: 'Ground floor, east entrance' },
      { id: 'cam-mall-atrium', name: 'Atrium', locationCategory: 'LOBBY', location: 'Central atrium, level 1' },
      { id: 'cam-mall-parking-b2', name: 'Parking B2', locationCategory: 'PARKING', location: 'Basement 2 ramp' },
    ],
  },
  {
    id: 'sys-bank-xiaozhai', ownerOrganisationId: 'org-owner-bank', name: 'Xiaozhai branch security system', siteCategories: ['FINANCIAL_VAULTS_AND_PREMISES'],
    divisionCode: '610113', location: 'Xiaozhai East Road branch', inPublicPlace: true, signageShown: true,
    retentionDays: 90, retentionBasis: "Owner's policy: a bank keeps its video three months, beyond the 30-day floor (R16.7)",
    cameras: [
      { id: 'cam-bank-vault', name: 'Vault door', locationCategory: 'VAULT', location: 'Basement vault' },
      { id: 'cam-bank-hall', name: 'Customer hall', locationCategory: 'CASH_COUNTER_PUBLIC_SIDE', location: 'Counter hall, public side' },
    ],
  },
  {
    id: 'sys-hotel-qujiang', ownerOrganisationId: 'org-owner-hotel', name: 'Hotel public areas', siteCategories: ['HOTELS_MALLS_VENUES_RESIDENTIAL'],
    divisionCode: '610113', location: 'Qujiang Star Hotel', inPublicPlace: true, signageShown: true,
    cameras: [{ id: 'cam-hotel-lobby', name: 'Lobby', locationCategory: 'LOBBY', location: 'Reception lobby' }],
  },
];

/** The attempt R8.1 refuses: recorded as an event, no camera created. */
export const DEMO_REFUSED_CAMERA = {
  systemId: 'sys-hotel-qujiang',
  id: 'cam-hotel-room-1208',
  name: 'Room 1208',
  locationCategory: 'HOTEL_GUEST_ROOM' as CameraLocationCategory,
  location: 'Guest room 1208',
};

const withScopes = (u: DevUser, scopes: string[]): DevUser => ({ ...u, principal: { ...u.principal, scopes } });

const user = (
  username: string,
  personId: string,
  org: DemoOrganisation['id'],
  roles: DevUser['principal']['roles'],
  credentialNumber?: string,
): DevUser => {
  const o = DEMO_ORGANISATIONS.find((x) => x.id === org) as DemoOrganisation;
  return {
    username,
    principal: {
      personId,
      organisationId: o.id,
      organisationType: o.type,
      divisionCode: o.divisionCode,
      roles,
      ...(credentialNumber ? { credentialNumber } : {}),
    },
  };
};

/** Demo principals for DevIssuerModule (subject `dev:<username>`). */
export const DEMO_USERS: readonly DevUser[] = [
  user('admin.shaanxi', 'person-admin-shaanxi', 'org-psb-shaanxi', ['REGISTRY_ADMIN']),
  user('admin.yanta', 'person-admin-yanta', 'org-psb-yanta', ['REGISTRY_ADMIN']),
  user('head.shaanxi', 'person-head-shaanxi', 'org-psb-shaanxi', ['APPROVER']),
  user('head.xian', 'person-head-xian', 'org-psb-xian', ['APPROVER']),
  user('head.yanta', 'person-head-yanta', 'org-psb-yanta', ['APPROVER']),
  user('head.xiaozhai', 'person-head-xiaozhai', 'org-ps-xiaozhai', ['APPROVER']),
  user('head.ss', 'person-head-ss-xian', 'org-ss-xian', ['APPROVER']),
  user('head.amr', 'person-head-amr-yanta', 'org-amr-yanta', ['APPROVER']),
  // Each registered officer signs in as `officer.<name>` (`person-officer-<name>`), with the credential the registry holds.
  ...DEMO_OFFICERS.map((o) => user(o.personId.replace('person-officer-', 'officer.'), o.personId, o.organisationId, ['OFFICER'], o.credentialNumber)),
  user('operator.metro', 'person-operator-metro', 'org-owner-metro', ['OWNER_OPERATOR']),
  user('operator.mall', 'person-operator-mall', 'org-owner-mall', ['OWNER_OPERATOR']),
  user('operator.bank', 'person-operator-bank', 'org-owner-bank', ['OWNER_OPERATOR']),
  user('operator.hotel', 'person-operator-hotel', 'org-owner-hotel', ['OWNER_OPERATOR']),
  user('oversight.shaanxi', 'person-oversight-shaanxi', 'org-oversight-shaanxi', ['OVERSIGHT']),
  // The services themselves (role SERVICE): what requests and approvals sign in as, in the
  // embedded mode, to read the registry. In a cluster they use OIDC client credentials instead.
  user('service.requests', 'service-requests', 'org-psb-shaanxi', ['SERVICE']),
  user('service.approvals', 'service-approvals', 'org-psb-shaanxi', ['SERVICE']),
  user('service.storage', 'service-storage', 'org-psb-shaanxi', ['SERVICE']),
  // Custody alone reads footage from storage (segments to play, export packages to deliver).
  withScopes(user('service.custody', 'service-custody', 'org-psb-shaanxi', ['SERVICE']), [SERVICE_SCOPES.segmentsRead, SERVICE_SCOPES.exportsRead]),
  // Runs the platform: replays or skips quarantined events (`/admin/quarantine` of each service).
  user('ops.shaanxi', 'person-ops-shaanxi', 'org-psb-shaanxi', ['OPERATOR']),
];

export interface DemoOperator {
  readonly id: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly name: string;
  readonly trainings: readonly { readonly course: string; readonly completedOn: string; readonly certificateNumber?: string }[];
}

/** Owners' operators (R16.2): the mall's and the metro's trained, the bank's and the hotel's not, for oversight's list. */
export const DEMO_OPERATORS: readonly DemoOperator[] = [
  {
    id: 'op-mall-operator', personId: 'person-operator-mall', organisationId: 'org-owner-mall', name: 'Mall control room operator',
    trainings: [{ course: 'Image system duty, footage handling and personal information protection', completedOn: '2025-09-15', certificateNumber: 'SAIGE-2025-031' }],
  },
  {
    id: 'op-metro-operator', personId: 'person-operator-metro', organisationId: 'org-owner-metro', name: 'Metro station CCTV operator',
    trainings: [{ course: 'Station monitoring duty', completedOn: '2025-06-02' }],
  },
  { id: 'op-bank-operator', personId: 'person-operator-bank', organisationId: 'org-owner-bank', name: 'Branch security operator', trainings: [] },
  { id: 'op-hotel-operator', personId: 'person-operator-hotel', organisationId: 'org-owner-hotel', name: 'Hotel security desk', trainings: [] },
];
