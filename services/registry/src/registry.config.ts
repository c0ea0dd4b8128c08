import { CommonConfig, serviceSettings } from '@custos/platform';

/** The registry service's settings: the common ones, with its own port and database. */
export class RegistryConfig extends serviceSettings('registry', CommonConfig) {}
