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
import { ApprovalsConfig } from './approvals.config';
import { ApprovalsModule } from './approvals.module';
import { approvalsEventRegistry } from './database/approval-case.repository';

export const SERVICE = 'approvals';

/** The demo user (role SERVICE) this service signs in as at the development issuer. */
export const SERVICE_USER = 'service.approvals';

/**
 * The approvals service. Approval cases routed to the competent head (R17.2-R17.4) and the
 * approval documents. Organisations and head terms come from the registry's API with this
 * service's own token (role SERVICE); events travel on the configured bus; refused accesses are
 * events of this service (`approvals.AccessDenied`).
 */
@Module({})
export class AppModule {
  static forRoot(config: ApprovalsConfig): DynamicModule {
    // The denial recorder's own small pool; the schema is created by ApprovalsModule at start.
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
    pool.on('error', () => undefined);
    const store = new EventStore(pool, SERVICE, approvalsEventRegistry().register(accessDeniedDefinition(SERVICE)));
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
        ApprovalsModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          transport,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          registry: { http: { baseUrl: config.REGISTRY_URL, serviceToken } },
          keyEncryptionSecret: config.APPROVALS_KEY_ENCRYPTION_SECRET,
        }),
      ],
      providers: [closeOnShutdown(transport), closeOnShutdown(pool)],
    };
  }
}
