import { KERNEL_MIGRATIONS, SchemaMigration } from '@custos/migrations';
import { storageInitial } from './0001-initial';
import { storageUploadSessions } from './0002-upload-sessions';

/**
 * The storage database's migrations, in order: the kernel's, then the service's own. Append a new
 * one at the end (README, "Schema migrations"); the service refuses to start until every
 * migration listed here is applied to its database.
 */
export const STORAGE_MIGRATIONS: readonly SchemaMigration[] = [...KERNEL_MIGRATIONS, storageInitial, storageUploadSessions];
