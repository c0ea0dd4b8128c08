import { DynamicModule, Module } from '@nestjs/common';
import { DevIssuerModule } from '@custos/auth';
import { resilientPool } from '@custos/eventstore';
import { closeOnShutdown, configuredServiceKernel, EventStoreAccessDenialRecorder, rulePacksOf, serviceBaseImports } from '@custos/platform';
import { registryEventRegistry, registryEventStore, REGISTRY_SERVICE } from './database/registry.event-store';
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
    const store = registryEventStore(pool);
    return {
      module: AppModule,
      imports: [
        ...serviceBaseImports(config, {
          service: SERVICE,
          accessDenialRecorder: new EventStoreAccessDenialRecorder(store, REGISTRY_SERVICE, { windowMs: config.DENIAL_WINDOW_MS }),
        }),
        // The kernel shares the registry's pool (one pool of 10, not two).
        configuredServiceKernel(config, { service: SERVICE, pool, registry: registryEventRegistry(), migrations: REGISTRY_MIGRATIONS }),
        ...(config.EMBEDDED_MODE
          ? [
              DevIssuerModule.forRoot(
                {
                  enabled: true,
                  issuer: config.CUSTOS_AUTH_ISSUER,
                  // The users' audience: the first the services accept.
                  audience: config.CUSTOS_AUTH_AUDIENCE.split(',')[0].trim(),
                  jwksUrl: config.CUSTOS_AUTH_JWKS_URL,
                  users: DEMO_USERS,
                },
                // Anyone registered can sign in too, as the registry says at issue time.
                new RegistryDevDirectory(new RegistryRepository(pool, store)),
              ),
            ]
          : []),
        RegistryModule.forRoot({ pool, rulePacks: rulePacksOf(config) }),
      ],
      providers: [closeOnShutdown(pool)],
    };
  }
}
