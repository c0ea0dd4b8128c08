import { AccessDenial, AccessDenialRecorder } from '@custos/auth';
import { AccessDenied, accessDenialsStream, accessDeniedEventType, ACCESS_DENIED_SCHEMA_VERSION } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { randomUUID } from 'node:crypto';

/**
 * Writes a service's refused accesses to its own event log as `<service>.AccessDenied`, so they
 * reach the ledger like every other event (R3.1, R5.1, R16.6). Denials are independent facts:
 * one stream per service (`access-denials:<service>`), appended at any version.
 *
 * The store's EventRegistry must know the type: register `accessDeniedDefinition(service)`
 * (the registry's `REGISTRY_EVENTS` already holds `registry.AccessDenied`).
 */
export class EventStoreAccessDenialRecorder implements AccessDenialRecorder {
  constructor(
    private readonly store: EventStore,
    private readonly service: string,
  ) {}

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
      aggregateId: accessDenialsStream(this.service),
      expectedVersion: 'any',
      events: [
        {
          type: accessDeniedEventType(this.service),
          schemaVersion: ACCESS_DENIED_SCHEMA_VERSION,
          payload: payload as unknown as Record<string, unknown>,
          actor: { subject: denial.subject ?? 'anonymous', ...(denial.organisationId ? { organisationId: denial.organisationId } : {}) },
          correlationId: denial.correlationId ?? randomUUID(),
        },
      ],
    });
  }
}
