// The storage service's migration job: `node dist/services/storage/src/migrate.js` with DATABASE_URL
// as the database's owner role and DATABASE_RUNTIME_ROLE the role the service runs as.
import { migrateFromEnvironment } from '@custos/migrations';
import { STORAGE_MIGRATIONS } from './migrations';

void migrateFromEnvironment('storage', STORAGE_MIGRATIONS);
