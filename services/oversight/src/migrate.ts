// The oversight service's migration job: `node dist/services/oversight/src/migrate.js` with DATABASE_URL
// as the database's owner role and DATABASE_RUNTIME_ROLE the role the service runs as.
import { migrateFromEnvironment } from '@custos/migrations';
import { OVERSIGHT_MIGRATIONS } from './migrations';

void migrateFromEnvironment('oversight', OVERSIGHT_MIGRATIONS);
