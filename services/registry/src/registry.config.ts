import { CommonConfig, embeddedDatabaseUrl } from '@custos/platform';

/** The registry service's settings: the common ones, with its own port and database. */
export class RegistryConfig extends CommonConfig {
  override PORT = 3001;
  override DATABASE_URL = embeddedDatabaseUrl('registry');
}
