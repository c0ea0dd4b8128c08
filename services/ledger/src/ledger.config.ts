import { CommonConfig, embeddedDatabaseUrl } from '@custos/platform';

/** The ledger service's settings: the common ones, with its own port and database. */
export class LedgerConfig extends CommonConfig {
  override PORT = 3006;
  override DATABASE_URL = embeddedDatabaseUrl('ledger');
}
