import { DynamicModule, Injectable, Module, OnModuleInit, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { inTransaction, Kernel, PeriodicTask } from '@custos/eventstore';
import { MANDATORY_SITE_GRACE_DAYS } from '@custos/domain';
import { fromKernel, portsServedBy, QuarantineHttpController, serviceWorkerProviders } from '@custos/platform';
import { ApplyToCourtHandler } from './commands/apply-to-court/apply-to-court.handler';
import { ApplyToCourtHttpController } from './commands/apply-to-court/apply-to-court.http.controller';
import { DecideChallengeHandler } from './commands/decide-challenge/decide-challenge.handler';
import { DecideChallengeHttpController } from './commands/decide-challenge/decide-challenge.http.controller';
import { DecidePenaltyHandler } from './commands/decide-penalty/decide-penalty.handler';
import { DecidePenaltyHttpController } from './commands/decide-penalty/decide-penalty.http.controller';
import { FileChallengeHandler } from './commands/file-challenge/file-challenge.handler';
import { FileChallengeHttpController } from './commands/file-challenge/file-challenge.http.controller';
import { FollowUpOrderHandler } from './commands/follow-up-order/follow-up-order.handler';
import { FollowUpOrderHttpController } from './commands/follow-up-order/follow-up-order.http.controller';
import { RecordInspectionHandler } from './commands/record-inspection/record-inspection.handler';
import { RecordInspectionHttpController } from './commands/record-inspection/record-inspection.http.controller';
import { ServeOrderHandler } from './commands/serve-order/serve-order.handler';
import { ServeOrderHttpController } from './commands/serve-order/serve-order.http.controller';
import { everyTopicConsumer } from './consumers/every-topic.consumer';
import { raiseOverdueSites } from './consumers/mandatory-sites';
import { OVERSIGHT_OPTIONS } from './oversight.tokens';
import type { OversightModuleOptions } from './oversight.options';
import { FindingRepository } from './database/finding.repository';
import { AnomaliesHttpController } from './queries/anomalies/anomalies.http.controller';
import { FindingsHttpController } from './queries/findings/findings.http.controller';
import { ReportsHttpController } from './queries/reports/reports.http.controller';
import { Findings, OVERSIGHT_CLOCK } from './commands/shared/findings.port';
import { OversightReadModel } from './queries/shared/oversight-read-model';

/** Catches the read model up at start, before the application answers. */
@Injectable()
class OversightReadModelCatchUp implements OnModuleInit {
  constructor(private readonly oversight: FindingRepository) {}

  async onModuleInit(): Promise<void> {
    await this.oversight.readModel.catchUp();
  }
}

/**
 * The consumer of every topic and the sweep of mandatory sites past their grace, on the kernel;
 * oversight's readers (its projection and the consumer) for the operator's quarantine command.
 */
function oversightWorkers(options: OversightModuleOptions): Provider[] {
  const graceDays = options.mandatorySites?.graceDays ?? MANDATORY_SITE_GRACE_DAYS;
  return serviceWorkerProviders({
    run: options.consume !== false,
    inject: [FindingRepository],
    workers: ({ pool, transport, store, topicPrefix }: Kernel, oversight: FindingRepository) => [
      everyTopicConsumer({ pool, transport, store, topicPrefix: options.topicPrefix ?? topicPrefix, graceDays }),
      // A site's grace ends with no event to mark it: the clock finds it (R7.1, R7.2).
      new PeriodicTask(() => inTransaction(pool, (tx) => raiseOverdueSites(store, tx, oversight.now(), graceDays)), {
        name: 'MandatorySiteSweep',
        failureCode: 'CUSTOS_OVERSIGHT_SITE_SWEEP_FAILED',
        intervalMs: options.mandatorySites?.sweepMs ?? 600_000,
      }),
    ],
    readers: (_kernel: Kernel, oversight: FindingRepository) => [oversight.readModel],
  });
}

/**
 * Oversight's bounded context (R5.1, R7, R8.1, R11.1, R15.1, R16.3, R17.5, R19.1, R22.1–R27.1):
 * findings raised from every service's events and on inspections, orders, follow-ups,
 * penalties, court applications and the party's challenges, anomaly reports and the reports
 * per jurisdiction. Needs EventStoreModule (the kernel) and AuthModule in the application.
 */
@Module({})
export class OversightModule {
  static forRoot(options: OversightModuleOptions = {}): DynamicModule {
    return {
      module: OversightModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        RecordInspectionHttpController,
        ServeOrderHttpController,
        FollowUpOrderHttpController,
        DecidePenaltyHttpController,
        ApplyToCourtHttpController,
        FileChallengeHttpController,
        DecideChallengeHttpController,
        FindingsHttpController,
        AnomaliesHttpController,
        ReportsHttpController,
        QuarantineHttpController,
      ],
      providers: [
        { provide: OVERSIGHT_OPTIONS, useValue: options },
        fromKernel(FindingRepository, (pool, store) => new FindingRepository(pool, store, options)),
        OversightReadModelCatchUp,
        ...oversightWorkers(options),
        RecordInspectionHandler,
        ServeOrderHandler,
        FollowUpOrderHandler,
        DecidePenaltyHandler,
        ApplyToCourtHandler,
        FileChallengeHandler,
        DecideChallengeHandler,
        ...portsServedBy(FindingRepository, Findings, OversightReadModel),
        { provide: OVERSIGHT_CLOCK, useFactory: (oversight: FindingRepository) => oversight.now, inject: [FindingRepository] },
      ],
      exports: [FindingRepository],
    };
  }
}
