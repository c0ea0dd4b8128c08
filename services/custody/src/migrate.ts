// The custody service's migration job: `node dist/services/custody/src/migrate.js` with DATABASE_URL
// as the database's owner role and DATABASE_RUNTIME_ROLE the role the service runs as.
import { migrateFromEnvironment } from '@custos/migrations';
import { CUSTODY_MIGRATIONS } from './migrations';

void migrateFromEnvironment('custody', CUSTODY_MIGRATIONS);
