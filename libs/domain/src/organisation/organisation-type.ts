/**
 * The kinds of organisation the regulations name. Under the Shaanxi measures only the first
 * three are enforcement organs that may use footage (R17.1); OWNER runs image systems (R2.1,
 * R16); OVERSIGHT inspects and audits (R5.1, R19.1, R27.1) and never requests footage through
 * this system. The national regulation adds (CN2025-USE), appended so stored values keep
 * their meaning: JUDICIAL, organs exercising investigation, prosecution or trial powers
 * (行使侦查、起诉、审判职权的机关: courts, procuratorates, …) for judicial work; and
 * EMERGENCY_ADMIN, administrative departments of county-level or higher people's governments
 * investigating and handling emergencies. They may use footage under the pack CN2025 only.
 */
export const ORGANISATION_TYPES = [
  'PUBLIC_SECURITY',
  'STATE_SECURITY',
  'OTHER_ADMIN',
  'OWNER',
  'OVERSIGHT',
  'JUDICIAL',
  'EMERGENCY_ADMIN',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export function isOrganisationType(value: string): value is OrganisationType {
  return (ORGANISATION_TYPES as readonly string[]).includes(value);
}

/**
 * Administrative levels, lowest first: the order is what "county level or above" (R17.3,
 * R17.4) compares. A township police station (派出所) is BELOW_COUNTY; the ministries (the
 * Ministry of Public Security, of State Security) and national oversight are NATIONAL, with
 * the national code `100000` (R5.1). NATIONAL is last, so that stored level indexes keep their meaning.
 */
export const ORGANISATION_LEVELS = ['BELOW_COUNTY', 'COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'] as const;
export type OrganisationLevel = (typeof ORGANISATION_LEVELS)[number];

export function isOrganisationLevel(value: string): value is OrganisationLevel {
  return (ORGANISATION_LEVELS as readonly string[]).includes(value);
}

/** Negative when `a` is below `b`, zero when equal, positive when above. */
export function compareLevels(a: OrganisationLevel, b: OrganisationLevel): number {
  return ORGANISATION_LEVELS.indexOf(a) - ORGANISATION_LEVELS.indexOf(b);
}

export function levelAtLeast(level: OrganisationLevel, minimum: OrganisationLevel): boolean {
  return compareLevels(level, minimum) >= 0;
}
