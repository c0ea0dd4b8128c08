import {
  accessDeniedDefinition,
  APPROVALS_EVENTS,
  CUSTODY_EVENTS,
  EventDefinition,
  EventRegistry,
  LEDGER_EVENTS,
  OVERSIGHT_EVENTS,
  quarantineResolvedDefinition,
  REGISTRY_EVENTS,
  REQUESTS_EVENTS,
  SERVICES,
  STORAGE_EVENTS,
} from '@custos/contracts';

import { OVERSIGHT_SERVICE } from '../domain/oversight-service';

export { OVERSIGHT_SERVICE };

/** The oversight service's own events, its refused accesses and quarantine decisions. */
export function oversightEventRegistry(): EventRegistry {
  return new EventRegistry().register(
    ...OVERSIGHT_EVENTS,
    accessDeniedDefinition(OVERSIGHT_SERVICE),
    quarantineResolvedDefinition(OVERSIGHT_SERVICE),
  );
}

const EVENTS_OF: Readonly<Record<string, readonly EventDefinition[]>> = {
  registry: REGISTRY_EVENTS,
  requests: REQUESTS_EVENTS,
  approvals: APPROVALS_EVENTS,
  custody: CUSTODY_EVENTS,
  storage: STORAGE_EVENTS,
  ledger: LEDGER_EVENTS,
};

/** The services whose topics oversight consumes: every one but itself (should SERVICES come to list it). */
export const OBSERVED_SERVICES: readonly string[] = SERVICES.filter((s: string) => s !== OVERSIGHT_SERVICE);

/**
 * Every event type of every other service, with each one's refused accesses and quarantine
 * decisions: what the consumer of every topic decodes. A type none of them defines is a dead
 * letter, as anywhere else.
 */
export function everyServiceEventRegistry(): EventRegistry {
  const registry = new EventRegistry();
  for (const service of OBSERVED_SERVICES) {
    for (const definition of [...(EVENTS_OF[service] ?? []), accessDeniedDefinition(service), quarantineResolvedDefinition(service)]) {
      if (!registry.has(definition.type)) registry.register(definition);
    }
  }
  return registry;
}
