import { Inject, Injectable } from '@nestjs/common';
import { AccessRequests } from '../../domain/access-requests.port';
import { REQUESTS_REGISTRY_FACTS, RequestsRegistryFacts, SystemFacts } from '../../registry/registry-facts.port';
import { ResolvedRequestsOptions } from '../../requests.options';
import { REQUESTS_OPTIONS } from '../../requests.tokens';
import { RequestsSweep } from '../requests-sweep';

type Target = { imageSystemId: string; ownerOrganisationId: string; supervisingOrganisationId: string };

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
export class EscalateOverdueFulfilment extends RequestsSweep {
  constructor(
    requests: AccessRequests,
    @Inject(REQUESTS_REGISTRY_FACTS) private readonly registry: RequestsRegistryFacts,
    @Inject(REQUESTS_OPTIONS) private readonly options: ResolvedRequestsOptions,
  ) {
    super(requests, { name: 'RequestsEscalation', failureCode: 'CUSTOS_REQUESTS_ESCALATION_FAILED', intervalMs: options.escalationIntervalMs });
  }

  protected sweep(): Promise<string[]> {
    return this.escalateOverdue();
  }

  /** Escalates every request and system due at `now`; returns `<requestId>/<imageSystemId>` of those recorded. */
  async escalateOverdue(now: Date = this.options.clock()): Promise<string[]> {
    const overdue = await this.requests.overdueForFulfilment(now, this.options.fulfilmentDeadlineMs);
    const systems = new Map<string, Promise<SystemFacts | undefined>>();
    const systemOf = (id: string) => systems.get(id) ?? systems.set(id, this.registry.system(id)).get(id)!;
    const escalated: string[] = [];
    for (const row of overdue) {
      for (const systemId of row.imageSystemIds) {
        const system = await systemOf(systemId).catch(() => undefined);
        if (system?.supervisingOrganisationId == null) {
          this.logger.warn({ msg: 'overdue request not escalated: no supervising PSB known for the system', requestId: row.id, imageSystemId: systemId });
          continue;
        }
        const target: Target = { imageSystemId: systemId, ownerOrganisationId: system.ownerOrganisationId, supervisingOrganisationId: system.supervisingOrganisationId };
        if (await this.escalate(row.id, row.readySince, target, now)) escalated.push(`${row.id}/${systemId}`);
      }
    }
    return escalated;
  }

  private escalate(requestId: string, readySince: Date, target: Target, now: Date): Promise<boolean> {
    const correlationId = `escalate:${requestId}:${target.imageSystemId}`;
    return this.changeAsService(requestId, correlationId, 'overdue request not escalated', async (request, tx) => {
      const fulfilledBy = await this.requests.fulfilledBy(requestId, tx);
      const facts = { readySince, fulfilled: fulfilledBy.includes(target.ownerOrganisationId), stillOwed: true };
      return request.escalateOverdueFulfilment(target, facts, now, this.options.fulfilmentDeadlineMs) !== null;
    });
  }
}
