// npm run migrate -- <service>: a service's migrations, as its migration job runs them
// (`node dist/services/<service>/src/migrate.js` in the images): DATABASE_URL is the database as
// its owner role, DATABASE_RUNTIME_ROLE the role the service runs as.
import { migrateFromEnvironment } from '@custos/migrations';
import { MIGRATIONS } from './migrations';

const service = process.argv[2];
if (!service || !MIGRATIONS[service]) {
  process.stderr.write(`usage: npm run migrate -- <${Object.keys(MIGRATIONS).join('|')}>\n`);
  process.exitCode = 2;
} else {
  void migrateFromEnvironment(service, MIGRATIONS[service]);
}
