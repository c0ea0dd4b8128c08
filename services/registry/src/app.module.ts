import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, DevIssuerModule } from '@custos/auth';
import { EventStoreModule } from '@custos/eventstore';
import {
  authConfigOf,
  closeOnShutdown,
  eventBusOf,
  EventStoreAccessDenialRecorder,
  HealthModule,
  MetricsRegistry,
  PlatformModule,
  serviceReadinessChecks,
  typeOrmOptionsFor,
} from '@custos/platform';
import { Pool } from 'pg';
import { registryEventRegistry, registryEventStore, REGISTRY_SERVICE } from './database/registry.event-store';
import { RegistryConfig } from './registry.config';
import { RegistryModule } from './registry.module';
import { DEMO_USERS } from './seed/registry-demo.data';

export const SERVICE = 'registry';

/**
 * The registry service. Organisations (with level and jurisdiction), officers and
 * credentials, image systems, cameras and site categories (R7, R8, R11, R15). In the embedded
 * mode it also hosts the development token issuer of the demo users.
 */
@Module({})
export class AppModule {
  static forRoot(config: RegistryConfig): DynamicModule {
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: 10 });
    pool.on('error', () => undefined);
    const store = registryEventStore(pool);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: SERVICE, config }),
        TypeOrmModule.forRootAsync({ useFactory: () => typeOrmOptionsFor(config, SERVICE) }),
        HealthModule.forRoot({ checks: serviceReadinessChecks(config, SERVICE) }),
        EventStoreModule.forRoot({
          service: SERVICE,
          databaseUrl: config.DATABASE_URL,
          registry: registryEventRegistry(),
          bus: eventBusOf(config),
          metricsRegistry: MetricsRegistry,
        }),
        AuthModule.forRoot(authConfigOf(config), { recorder: { useValue: new EventStoreAccessDenialRecorder(store, REGISTRY_SERVICE) } }),
        ...(config.EMBEDDED_MODE
          ? [DevIssuerModule.forRoot({ enabled: true, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, users: DEMO_USERS })]
          : []),
        RegistryModule.forRoot({ pool }),
      ],
      providers: [closeOnShutdown(pool)],
    };
  }
}
