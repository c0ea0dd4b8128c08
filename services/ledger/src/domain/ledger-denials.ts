import { accessDeniedDefinition, EventRegistry, LEDGER_EVENTS } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { AccessDenialRecorderOptions, EventStoreAccessDenialRecorder } from '@custos/platform';
import { Pool } from 'pg';

export const LEDGER_SERVICE = 'ledger';

/** The ledger's own event types: its gap alarms and `ledger.AccessDenied`. */
export function ledgerEventRegistry(): EventRegistry {
  return new EventRegistry().register(...LEDGER_EVENTS, accessDeniedDefinition(LEDGER_SERVICE));
}

/**
 * The ledger's refused accesses as `ledger.AccessDenied` events in its own event store (bind
 * it with `AuthModule.forRoot(config, { recorder: { useValue } })`). The ledger's relay
 * publishes them on its own topic and its ingest appends them to the Merkle log, as it does
 * the gap alarms: a refusal by the ledger is ledgered like any other service's.
 */
export function ledgerAccessDenialRecorder(pool: Pool, options?: AccessDenialRecorderOptions): EventStoreAccessDenialRecorder {
  return new EventStoreAccessDenialRecorder(
    new EventStore(pool, LEDGER_SERVICE, ledgerEventRegistry()),
    LEDGER_SERVICE,
    options,
  );
}
