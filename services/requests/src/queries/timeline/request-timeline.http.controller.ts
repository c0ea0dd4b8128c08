import { CurrentPrincipal, Principal } from '@custos/auth';
import {
  FEE_CHARGE_REFUSED,
  FULFILMENT_OVERDUE_ESCALATED,
  REQUEST_CO_SIGNED,
  REQUEST_EXPIRED,
  REQUEST_FILED,
  REQUEST_STEP_REFUSED,
  REQUEST_WITHDRAWN,
  requestRefusalsAggregateId,
} from '@custos/contracts';
import { dispatchEvent, EventHandlers } from '@custos/eventstore';
import { QueryEndpoint } from '@custos/platform';
import { Controller, Inject, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Pool } from 'pg';
import { AccessRequests } from '../../domain/access-requests.port';
import { REQUESTS_POOL } from '../../requests.tokens';
import { ApprovalRouteDto, NotHeldCameraDto, RequestTimelineDto, TimelineStepDto } from './request-timeline.response.dto';
import { ONE_REQUEST } from '../../shared/api-errors';
import { withoutUndefined } from '../without-undefined';

type Step = TimelineStepDto;

/**
 * A request's timeline, read when asked from two sources this service already holds: its own
 * event streams (the request's and its refusals'), which say who acted with which credential,
 * and the facts it consumes from approvals (routing, decision, revocation) and storage
 * (exports, "not held"). No projection of its own: a request has a handful of events.
 */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
export class RequestTimelineHttpController {
  constructor(
    @Inject(REQUESTS_POOL) private readonly pool: Pool,
    private readonly requests: AccessRequests,
  ) {}

  /** Every step of a request of the caller's organ, oldest first, each with time, person and organisation. */
  @QueryEndpoint({ path: ':id/timeline', summary: "A request's timeline: every step from filing to delivery", response: RequestTimelineDto, roles: ['OFFICER'], refusals: ONE_REQUEST })
  async timeline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<RequestTimelineDto> {
    const { rows } = await this.pool.query('SELECT kind, organisation_id FROM rq_requests WHERE id = $1 AND organisation_id = $2', [
      id,
      principal.organisationId,
    ]);
    if (rows.length === 0) throw new NotFoundException({ code: 'CUSTOS_NOT_FOUND', message: `no request ${id}` });
    const organisationId: string = rows[0].organisation_id;
    const [own, refusals, consumed] = await Promise.all([
      this.requests.history(id),
      this.requests.history(requestRefusalsAggregateId({ requestId: id })),
      this.consumedSteps(id),
    ]);
    const recorded = [...own, ...refusals].sort((a, b) => a.sequence - b.sequence);
    const recordedSteps = await Promise.all(recorded.map(async (e) => (await dispatchEvent(RECORDED_STEPS, e, organisationId)) ?? []));
    const steps = [...recordedSteps.flat(), ...consumed].map((s) => ({ ...s, at: iso(s.at) }));
    // By time, and at one instant in the order recorded, the consumed facts after.
    const ordered = steps.map((s, i) => [s, i] as const).sort(([a, i], [b, j]) => a.at.localeCompare(b.at) || i - j);
    return { requestId: id, kind: rows[0].kind, organisationId, steps: ordered.map(([s]) => s) };
  }

  private async consumedSteps(id: string): Promise<Step[]> {
    const [routings, decisions, exports, notHeld] = await Promise.all([
      this.pool.query('SELECT opened_at, route FROM rq_routings WHERE request_id = $1', [id]),
      this.pool.query('SELECT * FROM rq_decisions WHERE request_id = $1', [id]),
      this.pool.query('SELECT * FROM rq_exports WHERE request_id = $1', [id]),
      this.pool.query('SELECT * FROM rq_not_held WHERE request_id = $1', [id]),
    ]);
    const steps: Step[] = [];
    for (const r of routings.rows) steps.push({ at: iso(r.opened_at), step: 'ROUTED', route: routeOf(r.route) });
    for (const d of decisions.rows) {
      const approver = { personId: d.approver_person_id, organisationId: d.approver_organisation_id };
      steps.push(
        withoutUndefined<Step>({ at: iso(d.decided_at), step: d.decision, ...approver, reason: d.reason ?? undefined, documentNumber: d.document_number ?? undefined }),
      );
      if (d.revoked_at !== null) {
        steps.push({ at: iso(d.revoked_at), step: 'REVOKED', organisationId: d.approver_organisation_id, reason: d.revocation_reason ?? undefined });
      }
    }
    for (const e of exports.rows) {
      steps.push(
        withoutUndefined<Step>({
          at: iso(e.exported_at),
          step: 'EXPORTED',
          personId: e.exported_by.personId ?? undefined,
          organisationId: e.owner_organisation_id,
          exportId: e.export_id,
          documentNumber: e.approval_document_number,
          reason: e.re_export?.reason,
        }),
      );
    }
    for (const n of notHeld.rows) {
      const cameras: NotHeldCameraDto[] = n.cameras.map((c: NotHeldCameraDto) => ({ cameraId: c.cameraId, reason: c.reason, retentionDays: c.retentionDays }));
      steps.push(withoutUndefined<Step>({ at: iso(n.answered_at), step: 'NOT_HELD', personId: n.person_id ?? undefined, organisationId: n.organisation_id, cameras }));
    }
    return steps;
  }
}

/** The timeline's steps of the request's own events, by type; the organ filed it (its officers act for it). */
const RECORDED_STEPS: EventHandlers<string, Step[]> = {
  [REQUEST_FILED]: (p, _e, organisationId) => [
    { at: p.filedAt, step: 'FILED', personId: p.filer.personId, organisationId, credentialNumber: p.filer.credentialNumber },
  ],
  [REQUEST_CO_SIGNED]: (p, _e, organisationId) => {
    const outcome = p.needsApproval ? 'AWAITING_APPROVAL' : 'REGISTERED';
    return [{ at: p.coSignedAt, step: 'CO_SIGNED', personId: p.coSigner.personId, organisationId, credentialNumber: p.coSigner.credentialNumber, outcome }];
  },
  [REQUEST_WITHDRAWN]: (p, _e, organisationId) => [{ at: p.withdrawnAt, step: 'WITHDRAWN', personId: p.withdrawnBy, organisationId, reason: p.reason }],
  [REQUEST_EXPIRED]: (p) => [{ at: p.expiredAt, step: 'EXPIRED', code: p.code, rule: p.rule, reason: p.reason }],
  [FEE_CHARGE_REFUSED]: (p, event) => {
    const by = { personId: p.attemptedBy, organisationId: p.ownerOrganisationId };
    return [{ at: new Date(event.occurredAt).toISOString(), step: 'FEE_REFUSED', ...by, code: p.code, rule: p.rule, reason: p.reason }];
  },
  [FULFILMENT_OVERDUE_ESCALATED]: (p) => {
    const to = { organisationId: p.supervisingOrganisationId, ownerOrganisationId: p.ownerOrganisationId, imageSystemId: p.imageSystemId };
    return [{ at: p.escalatedAt, step: 'ESCALATED', ...to, fulfilBy: p.fulfilBy, rule: p.rule }];
  },
  [REQUEST_STEP_REFUSED]: (p) => {
    const by = { personId: p.actor.personId, organisationId: p.actor.organisationId };
    const credential = p.actor.credentialNumber !== undefined ? { credentialNumber: p.actor.credentialNumber } : {};
    return [{ at: p.at, step: 'REFUSED', ...by, ...credential, refusedStep: p.step, code: p.code, rule: p.rule, reason: p.reason }];
  },
};

function routeOf(route: Record<string, unknown>): ApprovalRouteDto {
  return {
    rule: route.rule as string,
    approverOrgTypes: (route.approverOrgTypes as string[]) ?? [],
    minLevel: (route.minLevel as string | null) ?? null,
    mustBeOrgId: (route.mustBeOrgId as string | null) ?? null,
    jurisdictionMustContain: (route.jurisdictionMustContain as string | null) ?? null,
  };
}

const iso = (value: Date | string): string => new Date(value).toISOString();

