import { SERVICE_SCOPES } from '@custos/auth';
import { DynamicModule, Module } from '@nestjs/common';
import { DEFAULT_OFFICER_POLICY } from '@custos/domain';
import { eventBusOf, rulePacksOf, serviceRootModule } from '@custos/platform';
import { HttpFootageSource } from './adapters/http-footage-source';
import { HttpOfficerDirectory } from './adapters/http-officer-directory';
import { CustodyConfig } from './custody.config';
import { CustodyModule } from './custody.module';
import { custodyEventRegistry } from './database/evidence-item.repository';
import { LinkSigner, linkSecretOf } from './shared/signed-link';

export const SERVICE = 'custody';

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
    return serviceRootModule(AppModule, config, { service: SERVICE, eventRegistry: custodyEventRegistry() }, (calls) =>
      CustodyModule.forRoot({
        databaseUrl: config.DATABASE_URL,
        rulePacks: rulePacksOf(config),
        officers: new HttpOfficerDirectory(calls.registry),
        approvalTrust: calls.approvalTrust(config),
        bus: eventBusOf(config),
        coSignWindowMs: config.HAND_OVER_CONFIRM_MINUTES * 60_000,
        deliveryLinkTtlMs: config.DELIVERY_LINK_MINUTES * 60_000,
        deliveryStaleMs: config.DELIVERY_STALE_SECONDS * 1000,
        footage: new HttpFootageSource({ baseUrl: config.STORAGE_URL, serviceToken: calls.tokenFor('storage', [SERVICE_SCOPES.segmentsRead, SERVICE_SCOPES.exportsRead]) }),
        linkSigner: new LinkSigner(linkSecretOf(config)),
        serviceClientId: config.CUSTOS_AUTH_CLIENT_ID.trim() || 'custody',
        officerPolicy: { ...DEFAULT_OFFICER_POLICY, onlySigners: config.VIEWING_ONLY_SIGNERS },
      }),
    );
  }
}
