import type { RunningService } from './embedded-stack';

/**
 * Fills a fresh embedded installation with demonstration data (organisations, officers,
 * image systems, a first request), through the services' own APIs so that every step is an
 * event in the ledger like any other. Runs after all six services answer; must be idempotent,
 * because `npm start` calls it on every start.
 *
 * Empty until the services have their features: the teams building them fill it in.
 */
export async function seedDemoData(_services: readonly RunningService[]): Promise<void> {}
