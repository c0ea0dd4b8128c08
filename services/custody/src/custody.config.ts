import { CommonConfig, embeddedDatabaseUrl } from '@custos/platform';

/** The custody service's settings: the common ones, with its own port and database. */
export class CustodyConfig extends CommonConfig {
  override PORT = 3004;
  override DATABASE_URL = embeddedDatabaseUrl('custody');
}
