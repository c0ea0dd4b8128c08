// Every database's migrations by name: the seven services' and the embedded bus's. The
// embedded launcher, `npm run migrate` and the tests' global setup take them from here.
import { EMBEDDED_BUS_MIGRATIONS, SchemaMigration } from '@custos/migrations';
import { APPROVALS_MIGRATIONS } from '../services/approvals/src/migrations';
import { CUSTODY_MIGRATIONS } from '../services/custody/src/migrations';
import { LEDGER_MIGRATIONS } from '../services/ledger/src/migrations';
import { OVERSIGHT_MIGRATIONS } from '../services/oversight/src/migrations';
import { REGISTRY_MIGRATIONS } from '../services/registry/src/migrations';
import { REQUESTS_MIGRATIONS } from '../services/requests/src/migrations';
import { STORAGE_MIGRATIONS } from '../services/storage/src/migrations';

export const MIGRATIONS: Readonly<Record<string, readonly SchemaMigration[]>> = {
  registry: REGISTRY_MIGRATIONS,
  requests: REQUESTS_MIGRATIONS,
  approvals: APPROVALS_MIGRATIONS,
  custody: CUSTODY_MIGRATIONS,
  storage: STORAGE_MIGRATIONS,
  ledger: LEDGER_MIGRATIONS,
  oversight: OVERSIGHT_MIGRATIONS,
  bus: EMBEDDED_BUS_MIGRATIONS,
};
