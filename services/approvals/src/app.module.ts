import { DynamicModule, Module } from '@nestjs/common';
import { accessDeniedDefinition } from '@custos/contracts';
import { eventBusOf, rulePacksOf, serviceRootModule } from '@custos/platform';
import { ApprovalsConfig } from './approvals.config';
import { ApprovalsModule } from './approvals.module';
import { approvalsEventRegistry } from './database/approval-case.repository';

export const SERVICE = 'approvals';

/**
 * The approvals service. Approval cases routed to the competent head (R17.2-R17.4) and the
 * approval documents. Organisations and head terms come from the registry's API with this
 * service's own token (role SERVICE); events travel on the configured bus; refused accesses are
 * events of this service (`approvals.AccessDenied`).
 */
@Module({})
export class AppModule {
  static forRoot(config: ApprovalsConfig): DynamicModule {
    const eventRegistry = approvalsEventRegistry().register(accessDeniedDefinition(SERVICE));
    return serviceRootModule(AppModule, config, { service: SERVICE, eventRegistry }, ({ registry }) =>
      ApprovalsModule.forRoot({
        databaseUrl: config.DATABASE_URL,
        rulePacks: rulePacksOf(config),
        transport: eventBusOf(config),
        registry: { http: registry },
        keyEncryptionSecret: config.APPROVALS_KEY_ENCRYPTION_SECRET,
      }),
    );
  }
}
