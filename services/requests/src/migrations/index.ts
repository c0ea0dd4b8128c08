import { KERNEL_MIGRATIONS, SchemaMigration } from '@custos/migrations';
import { requestsInitial } from './0001-initial';
import { requestsEscalations } from './0002-escalations-and-viewing-sessions';

/**
 * The requests database's migrations, in order: the kernel's, then the service's own. Append a new
 * one at the end (README, "Schema migrations"); the service refuses to start until every
 * migration listed here is applied to its database.
 */
export const REQUESTS_MIGRATIONS: readonly SchemaMigration[] = [...KERNEL_MIGRATIONS, requestsInitial, requestsEscalations];
