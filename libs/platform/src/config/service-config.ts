import { CommonConfig } from './common.config';
import { embeddedDatabaseUrl } from './embedded-database-url';
import { EMBEDDED_SERVICE_PORTS, ServiceName } from './embedded-services';

/* eslint-disable @typescript-eslint/no-explicit-any -- a mixin's base constructor (TS2545) */
/**
 * The settings of `service` on `base` (`CommonConfig`, or a caller's: `RegistryCallerConfig`…):
 * its own port and database by default, the embedded mode's (`EMBEDDED_SERVICE_PORTS`,
 * `custos_<service>`). A service's config class extends it and adds its own settings.
 */
export function serviceSettings<Base extends new (...args: any[]) => CommonConfig>(service: ServiceName, base: Base): Base {
  return class extends base {
    override PORT: number = EMBEDDED_SERVICE_PORTS[service];
    override DATABASE_URL = embeddedDatabaseUrl(service);
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
