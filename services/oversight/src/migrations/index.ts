import { KERNEL_MIGRATIONS, SchemaMigration } from '@custos/migrations';
import { oversightInitial } from './0001-initial';
import { oversightMandatorySites } from './0002-mandatory-sites-and-signage';
import { oversightRemovedSystems } from './0003-removed-systems';

/**
 * The oversight database's migrations, in order: the kernel's, then the service's own. Append a new
 * one at the end (README, "Schema migrations"); the service refuses to start until every
 * migration listed here is applied to its database.
 */
export const OVERSIGHT_MIGRATIONS: readonly SchemaMigration[] = [
  ...KERNEL_MIGRATIONS,
  oversightInitial,
  oversightMandatorySites,
  oversightRemovedSystems,
];
