// The requests service's migration job: `node dist/services/requests/src/migrate.js` with DATABASE_URL
// as the database's owner role and DATABASE_RUNTIME_ROLE the role the service runs as.
import { migrateFromEnvironment } from '@custos/migrations';
import { REQUESTS_MIGRATIONS } from './migrations';

void migrateFromEnvironment('requests', REQUESTS_MIGRATIONS);
