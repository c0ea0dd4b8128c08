import { domainErrorOf, ErrorCode } from '../errors';
import { Organisation } from '../organisation/organisation';
import {
  levelAtLeast,
  OrganisationLevel,
  OrganisationType,
} from '../organisation/organisation-type';
import { assertMayRequest, RequestKind } from '../requests/request-kind';
import { DomainError, err, ok, Result } from '../result';
import { RulePack } from '../rule-packs/rule-pack';
import { SX2012_PACK } from '../rule-packs/sx2012';
import { TERRITORIAL_COMPETENCE_POLICY, territoriallyCompetent } from './territorial-competence';

/** The rules a route cites: the Shaanxi Article 17 (pack SX2012) or the national CN2025-USE with its approval policy. */
export type ApprovalRule = 'R17.2' | 'R17.3' | 'R17.4' | 'CN2025-USE';
export const APPROVAL_RULES: readonly ApprovalRule[] = ['R17.2', 'R17.3', 'R17.4', 'CN2025-USE'];

export interface ApprovalRequest {
  readonly kind: RequestKind;
  readonly requesterOrg: Organisation;
  /** Where the systems concerned stand (their owners' divisions), when known. */
  readonly systemDivisionCodes?: readonly string[];
}

/**
 * Which organs' heads may approve a request: the approvals service builds each head's queue
 * from it. Every condition holds together; a `null` condition does not apply.
 */
export interface ApprovalRoute {
  readonly rule: ApprovalRule;
  readonly approverOrgTypes: readonly OrganisationType[];
  readonly minLevel: OrganisationLevel | null;
  readonly mustBeOrgId: string | null;
  /**
   * A division code the approving organ's jurisdiction must contain — or, under the
   * territorial-competence policy, every one of `systemDivisionCodes`.
   */
  readonly jurisdictionMustContain: string | null;
  /** Present when the systems' locations are known and a jurisdiction applies. */
  readonly systemDivisionCodes?: readonly string[];
}

/**
 * Routes a request to the heads competent to approve it:
 * - copy or retrieval by a state security organ: the head of that same organ (R17.2);
 * - copy or retrieval by a public security organ or another administrative department: the
 *   head of a public security organ at county level or above whose jurisdiction covers the
 *   requesting unit (R17.3);
 * - direct access: the head of an organ of the requester's own type — state security for
 *   state security, public security for public security — at county level or above (R17.4).
 *
 * Interpretation for R17.4 (not the text's words): ¶2 names "a county-level state security
 * organ or PSB" for "state security and public security organs"; as ¶1 pairs each organ with
 * its own hierarchy, so does this system (a PSB head does not open systems to state security,
 * nor the reverse). "County-level" is read as county level or above, as in ¶1.
 * Where a jurisdiction applies, it is the territorial-competence policy
 * (`TERRITORIAL_COMPETENCE_POLICY`, an interpretation of R17.3 and R17.4).
 *
 * A view needs no approval (R17.1) and is answered with CUSTOS_R17_1_NO_APPROVAL_REQUIRED;
 * a requester that may not file the request at all gets the pack's refusal (R17.1 / R17.4,
 * CN2025-USE).
 *
 * The routes are the pack's (`pack.approval`): the above is SX2012's; under CN2025 a copy or
 * retrieval follows the policy CN2025_COPY_APPROVER (default: the head of the requesting organ
 * itself, as R17.2), citing CN2025-USE. Default pack SX2012.
 */
export function routeApprovalCase(request: ApprovalRequest, pack: RulePack = SX2012_PACK): Result<ApprovalRoute> {
  const { kind, requesterOrg } = request;
  const mayRequest = assertMayRequest(requesterOrg.type, kind, pack, requesterOrg.level);
  if (!mayRequest.ok) return mayRequest;

  if (kind === 'VIEW') {
    return err(
      domainErrorOf('CUSTOS_R17_1_NO_APPROVAL_REQUIRED', { kind, requesterOrgId: requesterOrg.id }),
    );
  }
  const entry = pack.approval.value[kind][requesterOrg.type];
  if (entry === undefined) {
    // A pack that lets an organ file a kind names its approver; a gap is the pack's defect, refused.
    return err(domainErrorOf(pack.refusalCodes.requesterNotAllowed, { requesterType: requesterOrg.type, kind, rulePack: pack.id }));
  }
  const rule = entry.rule as ApprovalRule;
  switch (entry.approver) {
    case 'REQUESTING_ORGAN_HEAD':
      return ok({
        rule,
        approverOrgTypes: [requesterOrg.type],
        minLevel: null,
        mustBeOrgId: requesterOrg.id,
        jurisdictionMustContain: null,
      });
    case 'COUNTY_HEAD_OF_OWN_TYPE':
      return ok({
        rule,
        approverOrgTypes: [requesterOrg.type],
        minLevel: 'COUNTY',
        mustBeOrgId: null,
        jurisdictionMustContain: requesterOrg.divisionCode,
        ...systemsOf(request),
      });
    case 'COUNTY_PSB_HEAD':
      return ok({
        rule,
        approverOrgTypes: ['PUBLIC_SECURITY'],
        minLevel: 'COUNTY',
        mustBeOrgId: null,
        jurisdictionMustContain: requesterOrg.divisionCode,
        ...systemsOf(request),
      });
  }
}

/** The systems' divisions, when the request names any, for the territorial-competence policy. */
function systemsOf(request: ApprovalRequest): { systemDivisionCodes?: readonly string[] } {
  const codes = request.systemDivisionCodes ?? [];
  return codes.length === 0 ? {} : { systemDivisionCodes: [...codes] };
}

interface RuleCodes {
  readonly wrongOrgan: ErrorCode;
  readonly belowCounty: ErrorCode;
  readonly outsideJurisdiction: ErrorCode;
  readonly headTermNotActive: ErrorCode;
  /** A decision on a case already decided or closed. */
  readonly caseNotOpen: ErrorCode;
}

/** The codes each rule answers with, so a refusal always cites the rule that routed the case. */
export const APPROVAL_RULE_CODES: { readonly [R in ApprovalRule]: RuleCodes } = {
  'R17.2': {
    wrongOrgan: 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN',
    belowCounty: 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN',
    outsideJurisdiction: 'CUSTOS_R17_2_APPROVER_NOT_HEAD_OF_ORGAN',
    headTermNotActive: 'CUSTOS_R17_2_HEAD_TERM_NOT_ACTIVE',
    caseNotOpen: 'CUSTOS_R17_2_CASE_NOT_OPEN',
  },
  'R17.3': {
    wrongOrgan: 'CUSTOS_R17_3_APPROVER_NOT_COMPETENT_PSB',
    belowCounty: 'CUSTOS_R17_3_APPROVER_BELOW_COUNTY',
    outsideJurisdiction: 'CUSTOS_R17_3_OUTSIDE_JURISDICTION',
    headTermNotActive: 'CUSTOS_R17_3_HEAD_TERM_NOT_ACTIVE',
    caseNotOpen: 'CUSTOS_R17_3_CASE_NOT_OPEN',
  },
  'R17.4': {
    wrongOrgan: 'CUSTOS_R17_4_APPROVER_NOT_COMPETENT_ORGAN',
    belowCounty: 'CUSTOS_R17_4_APPROVER_BELOW_COUNTY',
    outsideJurisdiction: 'CUSTOS_R17_4_OUTSIDE_JURISDICTION',
    headTermNotActive: 'CUSTOS_R17_4_HEAD_TERM_NOT_ACTIVE',
    caseNotOpen: 'CUSTOS_R17_4_CASE_NOT_OPEN',
  },
  'CN2025-USE': {
    wrongOrgan: 'CUSTOS_CN2025_USE_APPROVER_NOT_COMPETENT',
    belowCounty: 'CUSTOS_CN2025_USE_APPROVER_BELOW_COUNTY',
    outsideJurisdiction: 'CUSTOS_CN2025_USE_OUTSIDE_JURISDICTION',
    headTermNotActive: 'CUSTOS_CN2025_USE_HEAD_TERM_NOT_ACTIVE',
    caseNotOpen: 'CUSTOS_CN2025_USE_CASE_NOT_OPEN',
  },
};

/**
 * Why an organisation's head may not approve on this route, or `null` when it may. Checked
 * in the order organ, level, jurisdiction, so the refusal names the most basic defect.
 */
export function approverOrganisationRefusal(
  route: ApprovalRoute,
  org: Organisation,
): DomainError | null {
  const codes = APPROVAL_RULE_CODES[route.rule];
  const details = {
    approverOrgId: org.id,
    approverOrgType: org.type,
    approverLevel: org.level,
    approverDivisionCode: org.divisionCode,
  };
  if (
    !route.approverOrgTypes.includes(org.type) ||
    (route.mustBeOrgId !== null && route.mustBeOrgId !== org.id)
  ) {
    return domainErrorOf(codes.wrongOrgan, {
      ...details,
      approverOrgTypes: route.approverOrgTypes,
      mustBeOrgId: route.mustBeOrgId,
    });
  }
  if (route.minLevel !== null && !levelAtLeast(org.level, route.minLevel)) {
    return domainErrorOf(codes.belowCounty, { ...details, minLevel: route.minLevel });
  }
  if (
    route.jurisdictionMustContain !== null &&
    !territoriallyCompetent(org, route.jurisdictionMustContain, route.systemDivisionCodes)
  ) {
    return domainErrorOf(codes.outsideJurisdiction, {
      ...details,
      jurisdictionMustContain: route.jurisdictionMustContain,
      ...(route.systemDivisionCodes ? { systemDivisionCodes: route.systemDivisionCodes } : {}),
      policy: TERRITORIAL_COMPETENCE_POLICY,
    });
  }
  return null;
}

/**
 * The refusal of an approver whose organisation the registry does not know: an organ that is
 * not registered is not a competent organ on any route, so the route's own code answers
 * (not R17.1, which is about who may use footage).
 */
export function unregisteredApproverRefusal(rule: ApprovalRule, organisationId: string): DomainError {
  return domainErrorOf(APPROVAL_RULE_CODES[rule].wrongOrgan, {
    approverOrgId: organisationId,
    registered: false,
  });
}

/** Whether the head of `org` belongs in the approval queue of this route (R17.2–R17.4). */
export function organisationMayApprove(route: ApprovalRoute, org: Organisation): boolean {
  return approverOrganisationRefusal(route, org) === null;
}
