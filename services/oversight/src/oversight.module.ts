import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_TRANSPORT, EventConsumer, EventStore, EVENTSTORE_POOL, EventTransport, inTransaction, PeriodicTask, QuarantineReader } from '@custos/eventstore';
import { MANDATORY_SITE_GRACE_DAYS } from '@custos/domain';
import { QUARANTINE_READERS, QuarantineHttpController, QuarantineReaders } from '@custos/platform';
import { Pool } from 'pg';
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
import { OVERSIGHT_OPTIONS, OversightContext, OversightModuleOptions } from './oversight.context';
import { AnomaliesHttpController } from './queries/anomalies/anomalies.http.controller';
import { FindingsHttpController } from './queries/findings/findings.http.controller';
import { ReportsHttpController } from './queries/reports/reports.http.controller';
import { Findings, OVERSIGHT_CLOCK } from './commands/shared/findings.port';
import { OversightReadModel } from './queries/shared/oversight-read-model';

/**
 * Creates the observed-fact tables and catches the read model up at start, starts the consumer
 * of every topic with the application and stops it with it, and names oversight's readers (its
 * projection and its consumer) for the operator's quarantine command.
 */
@Injectable()
export class OversightLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown, QuarantineReaders {
  private consumer?: EventConsumer;
  private siteSweep?: PeriodicTask;

  constructor(
    @Inject(OVERSIGHT_OPTIONS) private readonly options: OversightModuleOptions,
    @Inject(EVENTSTORE_POOL) private readonly pool: Pool,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly store: EventStore,
    private readonly oversight: OversightContext,
  ) {}

  readers(): readonly QuarantineReader[] {
    return [this.oversight.readModel, ...(this.consumer ? [this.consumer.quarantineReader(this.store)] : [])];
  }

  async onModuleInit(): Promise<void> {
    await this.oversight.readModel.catchUp();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.consume === false) return;
    const graceDays = this.options.mandatorySites?.graceDays ?? MANDATORY_SITE_GRACE_DAYS;
    this.consumer = everyTopicConsumer({ pool: this.pool, transport: this.transport, store: this.store, topicPrefix: this.options.topicPrefix, graceDays });
    await this.consumer.start();
    // A site's grace ends with no event to mark it: the clock finds it (R7.1, R7.2).
    this.siteSweep = new PeriodicTask(
      () => inTransaction(this.pool, (tx) => raiseOverdueSites(this.store, tx, this.oversight.now(), graceDays)),
      { name: 'MandatorySiteSweep', failureCode: 'CUSTOS_OVERSIGHT_SITE_SWEEP_FAILED', intervalMs: this.options.mandatorySites?.sweepMs ?? 600_000 },
    );
    this.siteSweep.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.siteSweep?.stop();
    await this.consumer?.stop();
  }
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
        {
          provide: OversightContext,
          useFactory: (pool: Pool, store: EventStore) => new OversightContext(pool, store, options),
          inject: [EVENTSTORE_POOL, EventStore],
        },
        OversightLifecycle,
        { provide: QUARANTINE_READERS, useExisting: OversightLifecycle },
        RecordInspectionHandler,
        ServeOrderHandler,
        FollowUpOrderHandler,
        DecidePenaltyHandler,
        ApplyToCourtHandler,
        FileChallengeHandler,
        DecideChallengeHandler,
        { provide: Findings, useExisting: OversightContext },
        { provide: OversightReadModel, useExisting: OversightContext },
        { provide: OVERSIGHT_CLOCK, useFactory: (oversight: OversightContext) => oversight.now, inject: [OversightContext] },
      ],
      exports: [OversightContext],
    };
  }
}
