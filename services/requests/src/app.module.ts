import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@custos/auth';
import { accessDeniedDefinition } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import {
  authConfigOf,
  closeOnShutdown,
  eventTransportOf,
  EventStoreAccessDenialRecorder,
  HealthModule,
  PlatformModule,
  serviceReadinessChecks,
  serviceTokenOf,
  typeOrmOptionsFor,
} from '@custos/platform';
import { Pool } from 'pg';
import { requestsEventRegistry } from './database/access-request.repository';
import { RequestsConfig } from './requests.config';
import { RequestsModule } from './requests.module';

export const SERVICE = 'requests';

/** The demo user (role SERVICE) this service signs in as at the development issuer. */
export const SERVICE_USER = 'service.requests';

/**
 * The requests service. Access requests: filing, co-signing and withdrawal, and the
 * officer-facing queries. Registry facts come from the registry's API with this service's own
 * token (role SERVICE); events travel on the configured bus; refused accesses are events of
 * this service (`requests.AccessDenied`).
 */
@Module({})
export class AppModule {
  static forRoot(config: RequestsConfig): DynamicModule {
    // The denial recorder's own small pool; the schema is created by RequestsModule at start.
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
    pool.on('error', () => undefined);
    const store = new EventStore(pool, SERVICE, requestsEventRegistry().register(accessDeniedDefinition(SERVICE)));
    const transport = eventTransportOf(config, SERVICE);
    const serviceToken = serviceTokenOf({
      embedded: config.EMBEDDED_MODE,
      issuer: config.AUTH_ISSUER,
      username: SERVICE_USER,
      staticToken: config.SERVICE_TOKEN,
    });
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ service: SERVICE, config }),
        TypeOrmModule.forRootAsync({ useFactory: () => typeOrmOptionsFor(config, SERVICE) }),
        HealthModule.forRoot({ checks: serviceReadinessChecks(config, SERVICE) }),
        AuthModule.forRoot(authConfigOf(config), { recorder: { useValue: new EventStoreAccessDenialRecorder(store, SERVICE) } }),
        RequestsModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          transport,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          registry: { http: { baseUrl: config.REGISTRY_URL, serviceToken } },
        }),
      ],
      providers: [closeOnShutdown(transport), closeOnShutdown(pool)],
    };
  }
}
