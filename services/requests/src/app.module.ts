import { DynamicModule, Module } from '@nestjs/common';
import { DEFAULT_OFFICER_POLICY } from '@custos/domain';
import { serviceModuleSettingsOf, serviceRootModule } from '@custos/platform';
import { requestsEventRegistry } from './database/access-request.repository';
import { RequestsConfig } from './requests.config';
import { RequestsModule } from './requests.module';

export const SERVICE = 'requests';

/**
 * The requests service. Access requests: filing, co-signing and withdrawal, and the
 * officer-facing queries. Registry facts come from the registry's API with this service's own
 * token (role SERVICE); events travel on the configured bus; refused accesses are events of
 * this service (`requests.AccessDenied`).
 */
@Module({})
export class AppModule {
  static forRoot(config: RequestsConfig): DynamicModule {
    return serviceRootModule(AppModule, config, { service: SERVICE, eventRegistry: requestsEventRegistry() }, ({ registry }) =>
      RequestsModule.forRoot({
        ...serviceModuleSettingsOf(config),
        registry: { http: registry },
        officerPolicy: { ...DEFAULT_OFFICER_POLICY, officersOfOneOrgan: config.OFFICERS_OF_ONE_ORGAN },
        expiryIntervalMs: config.REQUEST_EXPIRY_INTERVAL_MS,
        escalationIntervalMs: config.REQUEST_ESCALATION_INTERVAL_MS,
        fulfilmentDeadlineMs: {
          VIEW: config.FULFILMENT_DEADLINE_VIEW_HOURS * 3_600_000,
          COPY: config.FULFILMENT_DEADLINE_COPY_HOURS * 3_600_000,
          RETRIEVE: config.FULFILMENT_DEADLINE_RETRIEVE_HOURS * 3_600_000,
        },
      }),
    );
  }
}
