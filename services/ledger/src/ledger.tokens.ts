/** The ledger's Postgres pool (its own database), schema ensured before anything uses it. */
export const LEDGER_POOL = Symbol('LEDGER_POOL');
/** The resolved `LedgerModuleOptions`. */
export const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');
/** The ledger's own event store (gap alarms). */
export const LEDGER_EVENT_STORE = Symbol('LEDGER_EVENT_STORE');
