import { domainErrorOf } from '../errors';
import { jurisdictionContains, parseDivisionCode } from '../organisation/division-code';
import { levelAtLeast } from '../organisation/organisation-type';
import { err, ok, Result } from '../result';
import { SITE_CATEGORY_INFO, SiteCategory } from './site-category';

/**
 * Sites that must have an image system (R7.1: Art. 7(1) with items (1)–(9) of Annex Art. 14;
 * R7.2: Art. 7(2)–(6)), recorded by the public security organ responsible for them, and whether
 * a registered system covers each.
 *
 * Choice (the text sets no period): a site is "without a system" for oversight once
 * `MANDATORY_SITE_GRACE_DAYS` have passed since its duty began (the day the site opened or was
 * listed, which the PSB records) with no registered system covering it, or since the system
 * covering it was removed. 90 days is the time a unit needs to plan, procure and install a
 * system; oversight's setting of the same name can change it.
 */
export const MANDATORY_SITE_GRACE_DAYS = 90;

const DAY_MS = 24 * 3600 * 1000;

/** The rule a mandatory site's category falls under (R7.1 or R7.2), or a refusal for a voluntary one. */
export function mandatorySiteRule(category: SiteCategory): Result<'R7.1' | 'R7.2'> {
  const rule = SITE_CATEGORY_INFO[category].rule;
  if (rule === null) return err(domainErrorOf('CUSTOS_R7_1_NOT_A_MANDATORY_CATEGORY', { category }));
  return ok(rule);
}

/** The organ recording a site: its type and division (its level is read from the division code). */
export interface ResponsibleOrgan {
  readonly type: string;
  readonly divisionCode: string;
}

/**
 * R7.1, R7.2 with R5.1: the organ that lists a mandatory site and answers for it is a public
 * security organ of county level or above whose jurisdiction covers the site's division.
 */
export function assertResponsiblePsb(organ: ResponsibleOrgan, siteDivisionCode: string): Result<void> {
  const division = parseDivisionCode(organ.divisionCode);
  if (organ.type !== 'PUBLIC_SECURITY' || !division.ok || !levelAtLeast(division.value.level, 'COUNTY')) {
    return err(domainErrorOf('CUSTOS_R7_1_NOT_A_COUNTY_PSB', { organisationType: organ.type, divisionCode: organ.divisionCode }));
  }
  if (!jurisdictionContains(organ.divisionCode, siteDivisionCode)) {
    return err(domainErrorOf('CUSTOS_R7_1_SITE_OUTSIDE_JURISDICTION', { divisionCode: organ.divisionCode, siteDivisionCode }));
  }
  return ok();
}

/** What coverage reads of a system. */
export interface CoveringSystem {
  readonly id: string;
  readonly siteCategories: readonly SiteCategory[];
  readonly divisionCode: string;
  readonly removed: boolean;
}

/**
 * R7.1, R7.2: a site is covered by a registered system of the site's category, in use, standing
 * where the site is (one's division contains the other's: a system registered at the site's
 * township, or at its county or city).
 */
export function assertSystemCoversSite(site: { readonly category: SiteCategory; readonly divisionCode: string }, system: CoveringSystem): Result<void> {
  if (system.removed) return err(domainErrorOf('CUSTOS_R7_1_COVERING_SYSTEM_REMOVED', { imageSystemId: system.id }));
  if (!system.siteCategories.includes(site.category)) {
    return err(domainErrorOf('CUSTOS_R7_1_SYSTEM_OF_ANOTHER_CATEGORY', { imageSystemId: system.id, category: site.category }));
  }
  if (!jurisdictionContains(system.divisionCode, site.divisionCode) && !jurisdictionContains(site.divisionCode, system.divisionCode)) {
    return err(domainErrorOf('CUSTOS_R7_1_SYSTEM_ELSEWHERE', { imageSystemId: system.id, divisionCode: system.divisionCode, siteDivisionCode: site.divisionCode }));
  }
  return ok();
}

export interface MandatorySiteDue {
  /** The first instant at which the site is without a system for oversight. */
  readonly dueAt: Date;
  readonly overdue: boolean;
}

/**
 * When an uncovered site becomes a finding (R7.1, R7.2): `graceDays` after `uncoveredSince`
 * (its duty's start, or the removal of the system that covered it), compared with `now`.
 */
export function mandatorySiteDue(uncoveredSince: Date, now: Date, graceDays: number = MANDATORY_SITE_GRACE_DAYS): MandatorySiteDue {
  const dueAt = new Date(uncoveredSince.getTime() + graceDays * DAY_MS);
  return { dueAt, overdue: now.getTime() >= dueAt.getTime() };
}
