// The registry service's migration job: `node dist/services/registry/src/migrate.js` with DATABASE_URL
// as the database's owner role and DATABASE_RUNTIME_ROLE the role the service runs as.
import { migrateFromEnvironment } from '@custos/migrations';
import { REGISTRY_MIGRATIONS } from './migrations';

void migrateFromEnvironment('registry', REGISTRY_MIGRATIONS);
