import { DynamicModule, Module } from '@nestjs/common';
import { DevIssuerModule } from '@custos/auth';
import { resilientPool } from '@custos/eventstore';
import { closeOnShutdown, configuredServiceKernel, rulePacksOf, selfContainedRootModule } from '@custos/platform';
import { Pool } from 'pg';
import { registryEventRegistry, registryEventStore } from './database/registry.event-store';
import { RegistryConfig } from './registry.config';
import { RegistryModule } from './registry.module';
import { DEMO_USERS } from './seed/registry-demo.data';
import { RegistryDevDirectory } from './seed/registry-dev-directory';
import { RegistryRepository } from './database/registry.repository';
import { REGISTRY_MIGRATIONS } from './migrations';

export const SERVICE = 'registry';

/**
 * The registry service. Organisations (with level and jurisdiction), officers and
 * credentials, image systems, cameras and site categories (R7, R8, R11, R15). In the embedded
 * mode it also hosts the development token issuer of the demo users.
 */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    const pool = resilientPool({ connectionString: config.DATABASE_URL, max: 10 });
    const root = selfContainedRootModule(
      AppModule,
      config,
      { service: SERVICE, eventRegistry: registryEventRegistry() },
      // The kernel shares the registry's pool (one pool of 10, not two).
      configuredServiceKernel(config, { service: SERVICE, pool, registry: registryEventRegistry(), migrations: REGISTRY_MIGRATIONS }),
      ...(config.EMBEDDED_MODE ? [devIssuerOf(config, pool)] : []),
      RegistryModule.forRoot({ pool, rulePacks: rulePacksOf(config) }),
    );
    return { ...root, providers: [closeOnShutdown(pool)] };
  }
}

/**
 * The development token issuer of the embedded mode, for the demo users and anyone registered
 * (as the registry says at issue time).
 */
function devIssuerOf(config: RegistryConfig, pool: Pool): DynamicModule {
  return DevIssuerModule.forRoot(
    {
      enabled: true,
      issuer: config.CUSTOS_AUTH_ISSUER,
      // The users' audience: the first the services accept.
      audience: config.CUSTOS_AUTH_AUDIENCE.split(',')[0].trim(),
      jwksUrl: config.CUSTOS_AUTH_JWKS_URL,
      users: DEMO_USERS,
    },
    new RegistryDevDirectory(new RegistryRepository(pool, registryEventStore(pool))),
  );
}
