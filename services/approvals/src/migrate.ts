// The approvals service's migration job: `node dist/services/approvals/src/migrate.js` with DATABASE_URL
// as the database's owner role and DATABASE_RUNTIME_ROLE the role the service runs as.
import { migrateFromEnvironment } from '@custos/migrations';
import { APPROVALS_MIGRATIONS } from './migrations';

void migrateFromEnvironment('approvals', APPROVALS_MIGRATIONS);
