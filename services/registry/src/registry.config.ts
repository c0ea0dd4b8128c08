import { CommonConfig, embeddedDatabaseUrl, EMBEDDED_SERVICE_PORTS } from '@custos/platform';

/** The registry service's settings: the common ones, with its own port and database. */
export class RegistryConfig extends CommonConfig {
  override PORT: number = EMBEDDED_SERVICE_PORTS.registry;
  override DATABASE_URL = embeddedDatabaseUrl('registry');
}
