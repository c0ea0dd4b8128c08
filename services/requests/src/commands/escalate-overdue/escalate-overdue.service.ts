import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeriodicTask } from '@custos/eventstore';
import { AccessRequestRepository } from '../../database/access-request.repository';
import { REQUESTS_REGISTRY_FACTS, RequestsRegistryFacts, SystemFacts } from '../../registry/registry-facts.port';
import { ResolvedRequestsOptions } from '../../requests.options';
import { REQUESTS_OPTIONS } from '../../requests.tokens';

const SERVICE_ACTOR = { subject: 'service:requests', roles: ['SERVICE'] };

type Target = { imageSystemId: string; ownerOrganisationId: string; supervisingOrganisationId: string };

/** Ready requests (a registered view, an approved and unrevoked copy or retrieval) past their kind's deadline at $1. */
const OVERDUE = `
  SELECT r.id, COALESCE(d.decided_at, r.co_signed_at) AS ready_since, r.image_system_ids
  FROM rq_requests r LEFT JOIN rq_decisions d ON d.request_id = r.id
  WHERE r.status = 'CO_SIGNED' AND r.kind IN ('VIEW', 'COPY', 'RETRIEVE')
    AND ((r.kind = 'VIEW' AND d.request_id IS NULL) OR (d.decision = 'APPROVED' AND d.revoked_at IS NULL))
    AND COALESCE(d.decided_at, r.co_signed_at)
        + make_interval(secs => (CASE r.kind WHEN 'VIEW' THEN $2::float8 WHEN 'COPY' THEN $3::float8 ELSE $4::float8 END) / 1000) <= $1
    AND EXISTS (SELECT 1 FROM unnest(r.image_system_ids) s(id)
                WHERE NOT EXISTS (SELECT 1 FROM rq_escalations x WHERE x.request_id = r.id AND x.image_system_id = s.id))
  ORDER BY ready_since LIMIT 500`;

/** The owner did something that fulfils the request: exported, answered "not held", or opened the viewing session. */
const FULFILLED_BY = `
  SELECT owner_organisation_id AS owner FROM rq_exports WHERE request_id = $1
  UNION SELECT organisation_id FROM rq_not_held WHERE request_id = $1
  UNION SELECT owner_organisation_id FROM rq_viewing_sessions WHERE request_id = $1`;

/**
 * Escalates requests an owner has not fulfilled by their deadline to the PSB that supervises
 * the system (R16.5), as `requests.FulfilmentOverdueEscalated` on the request's stream. The
 * rule is `fulfilmentEscalationDue` (libs/domain); whether a system was already escalated is
 * decided by the request's own events, appended with optimistic concurrency, so across
 * restarts and several replicas each request and system is escalated exactly once: a replica
 * that loses the race gets a conflict and skips. The read model only narrows the search. A
 * failed sweep is logged (CUSTOS_REQUESTS_ESCALATION_FAILED) and tried again (PeriodicTask).
 */
@Injectable()
export class EscalateOverdueFulfilment {
  private readonly logger = new Logger('Requests');
  private timer?: PeriodicTask;

  constructor(
    private readonly requests: AccessRequestRepository,
    @Inject(REQUESTS_REGISTRY_FACTS) private readonly registry: RequestsRegistryFacts,
    @Inject(REQUESTS_OPTIONS) private readonly options: ResolvedRequestsOptions,
  ) {}

  /** Escalates every request and system due at `now`; returns `<requestId>/<imageSystemId>` of those recorded. */
  async escalateOverdue(now: Date = this.options.clock()): Promise<string[]> {
    const { VIEW, COPY, RETRIEVE } = this.options.fulfilmentDeadlineMs;
    const { rows } = await this.requests.pool.query(OVERDUE, [now.toISOString(), VIEW, COPY, RETRIEVE]);
    const systems = new Map<string, Promise<SystemFacts | undefined>>();
    const systemOf = (id: string) => systems.get(id) ?? systems.set(id, this.registry.system(id)).get(id)!;
    const escalated: string[] = [];
    for (const row of rows as { id: string; ready_since: Date; image_system_ids: string[] }[]) {
      for (const systemId of row.image_system_ids) {
        const system = await systemOf(systemId).catch(() => undefined);
        if (system?.supervisingOrganisationId == null) {
          this.logger.warn({ msg: 'overdue request not escalated: no supervising PSB known for the system', requestId: row.id, imageSystemId: systemId });
          continue;
        }
        const target: Target = { imageSystemId: systemId, ownerOrganisationId: system.ownerOrganisationId, supervisingOrganisationId: system.supervisingOrganisationId };
        if (await this.escalate(row.id, row.ready_since, target, now)) escalated.push(`${row.id}/${systemId}`);
      }
    }
    return escalated;
  }

  private escalate(requestId: string, readySince: Date, target: Target, now: Date): Promise<boolean> {
    return this.requests
      .transaction(async (tx) => {
        const request = await this.requests.load(requestId, tx);
        if (request === undefined) return false;
        const fulfilledBy = (await tx.query(FULFILLED_BY, [requestId])).rows.map((r: { owner: string }) => r.owner);
        const facts = { readySince, fulfilled: fulfilledBy.includes(target.ownerOrganisationId), stillOwed: true };
        if (request.escalateOverdueFulfilment(target, facts, now, this.options.fulfilmentDeadlineMs) === null) return false;
        await this.requests.save(request, { actor: SERVICE_ACTOR, correlationId: `escalate:${requestId}:${target.imageSystemId}` }, tx);
        return true;
      })
      .catch((error: unknown) => {
        this.logger.warn({ msg: 'overdue request not escalated', requestId, reason: String((error as Error)?.message ?? error) });
        return false;
      });
  }

  start(): void {
    this.timer ??= new PeriodicTask(() => this.escalateOverdue(), {
      name: 'RequestsEscalation',
      failureCode: 'CUSTOS_REQUESTS_ESCALATION_FAILED',
      intervalMs: this.options.escalationIntervalMs,
    });
    this.timer.start();
  }

  async stop(): Promise<void> {
    await this.timer?.stop();
    this.timer = undefined;
  }
}
