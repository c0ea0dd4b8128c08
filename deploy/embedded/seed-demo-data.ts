import { RegistryDemoSeeder } from '../../services/registry/src/seed/registry-demo.seeder';
import type { RunningService } from './embedded-stack';

/** The demo principals for DevIssuerModule: `DevIssuerModule.forRoot({ ..., users: DEMO_USERS })`. */
export { DEMO_USERS } from '../../services/registry/src/seed/registry-demo.data';

/**
 * Fills a fresh embedded installation with demonstration data (organisations, officers,
 * image systems, a first request), through the services' own commands so that every step is
 * an event in the ledger like any other. Runs after all six services answer; must be
 * idempotent, because `npm start` calls it on every start.
 *
 * Registry: organisations, heads, officers and credentials, systems and cameras, and one
 * refused hotel-room camera (R8.1). The other teams add their parts after it.
 */
export async function seedDemoData(services: readonly RunningService[]): Promise<void> {
  const registry = services.find((s) => s.name === 'registry');
  if (registry) await registry.app.get(RegistryDemoSeeder, { strict: false }).seed();
}
