import { Organisation } from '../organisation/organisation';

/** Organisations around Xi'an used by the approval specs. Test data only: not exported. */
const org = (
  id: string,
  type: Organisation['type'],
  level: Organisation['level'],
  divisionCode: string,
): Organisation => ({
  id,
  type,
  level,
  divisionCode,
});

export const ORGS = {
  psbProvince: org('psb-shaanxi', 'PUBLIC_SECURITY', 'PROVINCE', '610000'),
  psbCity: org('psb-xian', 'PUBLIC_SECURITY', 'CITY', '610100'),
  psbCounty: org('psb-yanta', 'PUBLIC_SECURITY', 'COUNTY', '610113'),
  psbOtherCounty: org('psb-beilin', 'PUBLIC_SECURITY', 'COUNTY', '610103'),
  psbOtherProvince: org('psb-gansu', 'PUBLIC_SECURITY', 'PROVINCE', '620000'),
  psbStation: org('psb-yanta-dayanta-station', 'PUBLIC_SECURITY', 'BELOW_COUNTY', '610113001'),
  psbStationCountyCode: org(
    'psb-yanta-qujiang-station',
    'PUBLIC_SECURITY',
    'BELOW_COUNTY',
    '610113',
  ),
  ssProvince: org('ss-shaanxi', 'STATE_SECURITY', 'PROVINCE', '610000'),
  ssCity: org('ss-xian', 'STATE_SECURITY', 'CITY', '610100'),
  ssCounty: org('ss-yanta', 'STATE_SECURITY', 'COUNTY', '610113'),
  ssOtherCity: org('ss-baoji', 'STATE_SECURITY', 'CITY', '610300'),
  otherAdminCounty: org('market-yanta', 'OTHER_ADMIN', 'COUNTY', '610113'),
  otherAdminCity: org('transport-xian', 'OTHER_ADMIN', 'CITY', '610100'),
  owner: org('owner-metro', 'OWNER', 'COUNTY', '610113'),
  oversight: org('oversight-shaanxi', 'OVERSIGHT', 'PROVINCE', '610000'),
} as const;

export type OrgName = keyof typeof ORGS;
