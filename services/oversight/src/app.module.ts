import { DynamicModule, Module } from '@nestjs/common';
import { configuredServiceKernel, selfContainedRootModule } from '@custos/platform';
import { OVERSIGHT_SERVICE, oversightEventRegistry } from './database/oversight.event-store';
import { OversightConfig } from './oversight.config';
import { OversightModule } from './oversight.module';
import { OVERSIGHT_MIGRATIONS } from './migrations';

export const SERVICE = OVERSIGHT_SERVICE;

/**
 * The oversight service: consumes every service's topic, raises findings from their events,
 * records inspections, orders, penalties, court applications and the party's challenges, and
 * computes anomaly reports and reports per jurisdiction (issue 20). On the kernel's
 * EventStoreModule, like the registry; refused accesses are events of this service
 * (`oversight.AccessDenied`).
 */
@Module({})
export class AppModule {
  static forRoot(config: OversightConfig): DynamicModule {
    return selfContainedRootModule(
      AppModule,
      config,
      { service: SERVICE, eventRegistry: oversightEventRegistry() },
      configuredServiceKernel(config, { service: SERVICE, registry: oversightEventRegistry(), migrations: OVERSIGHT_MIGRATIONS }),
      OversightModule.forRoot({
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        anomalyThresholds: {
          selfApprovalAttempts: config.ANOMALY_SELF_APPROVAL_ATTEMPTS,
          outsideAuthorityAttempts: config.ANOMALY_OUTSIDE_AUTHORITY_ATTEMPTS,
          repeatedPair: config.ANOMALY_REPEATED_PAIR,
          accessPeerFactor: config.ANOMALY_ACCESS_PEER_FACTOR,
          accessMinimum: config.ANOMALY_ACCESS_MINIMUM,
          noProgressDays: config.ANOMALY_NO_PROGRESS_DAYS,
          noProgressRequests: config.ANOMALY_NO_PROGRESS_REQUESTS,
          interruptedDeliveries: config.ANOMALY_INTERRUPTED_DELIVERIES,
          integrityMismatches: config.ANOMALY_INTEGRITY_MISMATCHES,
          revokedDocumentUses: config.ANOMALY_REVOKED_DOCUMENT_USES,
        },
        mandatorySites: { graceDays: config.MANDATORY_SITE_GRACE_DAYS, sweepMs: config.MANDATORY_SITE_SWEEP_MS },
      }),
    );
  }
}
