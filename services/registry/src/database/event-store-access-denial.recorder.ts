import { AccessDenial, AccessDenialRecorder } from '@custos/auth';
import { AccessDenied, REGISTRY_ACCESS_DENIALS_STREAM, REGISTRY_ACCESS_DENIED } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { randomUUID } from 'node:crypto';

/**
 * Writes the registry's refused accesses to its own event log, so they reach the ledger like
 * every other event (R3.1, R5.1). Denials are independent facts: one stream, any version.
 */
export class EventStoreAccessDenialRecorder implements AccessDenialRecorder {
  constructor(private readonly store: EventStore) {}

  async record(denial: AccessDenial): Promise<void> {
    const payload: AccessDenied = {
      code: denial.code,
      status: denial.status,
      rule: denial.rule,
      method: denial.method,
      path: denial.path.slice(0, 2000),
      reason: denial.reason.slice(0, 2000),
      at: denial.at,
      ...(denial.subject ? { subject: denial.subject } : {}),
      ...(denial.organisationId ? { organisationId: denial.organisationId } : {}),
      ...(denial.correlationId ? { correlationId: denial.correlationId } : {}),
    };
    await this.store.append({
      aggregateId: REGISTRY_ACCESS_DENIALS_STREAM,
      expectedVersion: 'any',
      events: [
        {
          type: REGISTRY_ACCESS_DENIED,
          schemaVersion: 1,
          payload: payload as unknown as Record<string, unknown>,
          actor: { subject: denial.subject ?? 'anonymous', ...(denial.organisationId ? { organisationId: denial.organisationId } : {}) },
          correlationId: denial.correlationId ?? randomUUID(),
        },
      ],
    });
  }
}
