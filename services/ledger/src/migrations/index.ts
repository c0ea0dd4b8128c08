import { KERNEL_MIGRATIONS, SchemaMigration } from '@custos/migrations';
import { ledgerInitial } from './0001-initial';
import { ledgerLeafHashInLeafRow } from './0002-leaf-hash-in-leaf-row';

/**
 * The ledger database's migrations, in order: the kernel's, then the service's own. Append a new
 * one at the end (README, "Schema migrations"); the service refuses to start until every
 * migration listed here is applied to its database.
 */
export const LEDGER_MIGRATIONS: readonly SchemaMigration[] = [...KERNEL_MIGRATIONS, ledgerInitial, ledgerLeafHashInLeafRow];
