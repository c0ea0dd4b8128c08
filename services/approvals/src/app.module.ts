import { DynamicModule, Module } from '@nestjs/common';
import { accessDeniedDefinition } from '@custos/contracts';
import { eventBusOf, serviceInfrastructure, rulePacksOf, publishedEventKeysProvider } from '@custos/platform';
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
    const { imports, serviceTokenFor } = serviceInfrastructure(config, {
      service: SERVICE,
      serviceUser: SERVICE_USER,
      eventRegistry: approvalsEventRegistry().register(accessDeniedDefinition(SERVICE)),
    });
    return {
      module: AppModule,
      imports: [
        ...imports,
        ApprovalsModule.forRoot({
          databaseUrl: config.DATABASE_URL,
          rulePacks: rulePacksOf(config),
          transport: eventBusOf(config),
          registry: { http: { baseUrl: config.REGISTRY_URL, serviceToken: serviceTokenFor('registry') } },
          keyEncryptionSecret: config.APPROVALS_KEY_ENCRYPTION_SECRET,
        }),
      ],
      // The event-signing keys the registry publishes, pinned beside EVENT_TRUSTED_KEYS (issue 16).
      providers: [publishedEventKeysProvider({ baseUrl: config.REGISTRY_URL, serviceToken: serviceTokenFor('registry') })],
    };
  }
}
