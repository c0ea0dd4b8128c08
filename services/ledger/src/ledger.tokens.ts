/**
 * The kernel's pool and event store (`serviceKernel`, a global module: the ledger's own database,
 * schema ensured before anything uses it; its gap alarms), under the names the ledger's classes
 * inject them by.
 */
export { EVENTSTORE_POOL as LEDGER_POOL, EventStore as LEDGER_EVENT_STORE } from '@custos/eventstore';
/** The resolved `LedgerModuleOptions`. */
export const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');
