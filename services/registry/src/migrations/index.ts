import { KERNEL_MIGRATIONS, SchemaMigration } from '@custos/migrations';
import { registryInitial } from './0001-initial';
import { registrySupervision } from './0002-supervision';

/**
 * The registry database's migrations, in order: the kernel's, then the service's own. Append a new
 * one at the end (README, "Schema migrations"); the service refuses to start until every
 * migration listed here is applied to its database.
 */
export const REGISTRY_MIGRATIONS: readonly SchemaMigration[] = [...KERNEL_MIGRATIONS, registryInitial, registrySupervision];
