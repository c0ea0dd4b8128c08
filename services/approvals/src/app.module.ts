import { DynamicModule, Module } from '@nestjs/common';
import { serviceModuleSettingsOf, serviceRootModule } from '@custos/platform';
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
    return serviceRootModule(AppModule, config, { service: SERVICE, eventRegistry: approvalsEventRegistry() }, ({ registry }) =>
      ApprovalsModule.forRoot({ ...serviceModuleSettingsOf(config), registry: { http: registry }, keyEncryptionSecret: config.APPROVALS_KEY_ENCRYPTION_SECRET }),
    );
  }
}
