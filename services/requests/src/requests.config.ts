import { CommonConfig, embeddedDatabaseUrl } from '@custos/platform';

/** The requests service's settings: the common ones, with its own port and database. */
export class RequestsConfig extends CommonConfig {
  override PORT = 3002;
  override DATABASE_URL = embeddedDatabaseUrl('requests');
}
