// The ledger service's migration job: `node dist/services/ledger/src/migrate.js` with DATABASE_URL
// as the database's owner role and DATABASE_RUNTIME_ROLE the role the service runs as.
import { migrateFromEnvironment } from '@custos/migrations';
import { LEDGER_MIGRATIONS } from './migrations';

void migrateFromEnvironment('ledger', LEDGER_MIGRATIONS);
