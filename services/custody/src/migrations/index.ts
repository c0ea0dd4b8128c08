import { KERNEL_MIGRATIONS, SchemaMigration } from '@custos/migrations';
import { custodyInitial } from './0001-initial';
import { custodyListOrder } from './0002-list-order';

/**
 * The custody database's migrations, in order: the kernel's, then the service's own. Append a new
 * one at the end (README, "Schema migrations"); the service refuses to start until every
 * migration listed here is applied to its database.
 */
export const CUSTODY_MIGRATIONS: readonly SchemaMigration[] = [...KERNEL_MIGRATIONS, custodyInitial, custodyListOrder];
