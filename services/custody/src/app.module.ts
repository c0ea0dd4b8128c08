import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@custos/auth';
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
import { HttpApprovalTrust } from '@custos/platform';
import { HttpFootageSource } from './adapters/http-footage-source';
import { HttpOfficerDirectory } from './adapters/http-officer-directory';
import { CustodyConfig } from './custody.config';
import { CustodyModule } from './custody.module';
import { custodyEventRegistry } from './database/evidence-item.repository';
import { LinkSigner, linkSecretOf } from './shared/signed-link';

export const SERVICE = 'custody';

/** The demo user (role SERVICE) this service signs in as at the development issuer. */
export const SERVICE_USER = 'service.custody';

/**
 * The custody service. Evidence items, hand-overs, transfers, viewing and the access register
 * (R16.6, R18). Export packages arrive as storage's events on the configured bus; officers'
 * qualifications come from the registry's API and approving organs' keys from the approvals
 * service's, both with this service's own token (role SERVICE); refused accesses are events of
 * this service (`custody.AccessDenied`).
 */
@Module({})
export class AppModule {
  static forRoot(config: CustodyConfig): DynamicModule {
    // The denial recorder's own small pool; the schema is created by CustodyModule at start.
    const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2 });
    pool.on('error', () => undefined);
    const store = new EventStore(pool, SERVICE, custodyEventRegistry());
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
        CustodyModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          officers: new HttpOfficerDirectory({ baseUrl: config.REGISTRY_URL, serviceToken }),
          approvalTrust: new HttpApprovalTrust({ baseUrl: config.APPROVALS_URL, serviceToken }),
          transport,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          coSignWindowMs: config.HAND_OVER_CONFIRM_MINUTES * 60_000,
          deliveryLinkTtlMs: config.DELIVERY_LINK_MINUTES * 60_000,
          footage: new HttpFootageSource({ baseUrl: config.STORAGE_URL, serviceToken }),
          linkSigner: new LinkSigner(linkSecretOf(config)),
        }),
      ],
      providers: [closeOnShutdown(transport), closeOnShutdown(pool)],
    };
  }
}
