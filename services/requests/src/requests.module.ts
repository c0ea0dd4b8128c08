import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventConsumer, EventStore, OutboxRelay, ProjectionRunner, QuarantineReader, resilientPool } from '@custos/eventstore';
import { QUARANTINE_READERS, QuarantineHttpController, QuarantineReaders } from '@custos/platform';
import { Pool } from 'pg';
import { AttachFeeHandler } from './commands/attach-fee/attach-fee.handler';
import { AttachFeeHttpController } from './commands/attach-fee/attach-fee.http.controller';
import { CoSignRequestHandler } from './commands/co-sign-request/co-sign-request.handler';
import { CoSignRequestHttpController } from './commands/co-sign-request/co-sign-request.http.controller';
import { EscalateOverdueFulfilment } from './commands/escalate-overdue/escalate-overdue.service';
import { ExpireStaleRequests } from './commands/expire-stale/expire-stale.service';
import { FileRequestHandler } from './commands/file-request/file-request.handler';
import { FileRequestHttpController } from './commands/file-request/file-request.http.controller';
import { WithdrawRequestHandler } from './commands/withdraw-request/withdraw-request.handler';
import { WithdrawRequestHttpController } from './commands/withdraw-request/withdraw-request.http.controller';
import { approvalDecisionsConsumer } from './consumers/approval-decisions.consumer';
import { custodyViewingConsumer } from './consumers/custody-viewing.consumer';
import { storageExportsConsumer } from './consumers/storage-exports.consumer';
import { AccessRequestRepository, requestsEventRegistry } from './database/access-request.repository';
import { requestsProjection } from './database/requests.projection';
import { EscalationsHttpController } from './queries/escalations/escalations.http.controller';
import { FulfilmentQueueHttpController } from './queries/fulfilment-queue/fulfilment-queue.http.controller';
import { MyRequestsHttpController } from './queries/my-requests/my-requests.http.controller';
import { RequestTimelineHttpController } from './queries/timeline/request-timeline.http.controller';
import { HttpRequestsRegistryFacts } from './registry/http-registry-facts';
import { REQUESTS_REGISTRY_FACTS, RequestsRegistryFacts } from './registry/registry-facts.port';
import { RequestsModuleOptions, ResolvedRequestsOptions, resolveRequestsOptions } from './requests.options';
import { REQUESTS_OPTIONS, REQUESTS_POOL } from './requests.tokens';
import { RequestRefusalInterceptor } from './shared/request-refusal.interceptor';
import { migratedPool } from '@custos/migrations';
import { REQUESTS_MIGRATIONS } from './migrations';

const SERVICE = 'requests';

/** Rebuilds the officer-facing read model from the event log (after a schema change or a bug fix). */
export class RequestsReadModel {
  constructor(private readonly runner: ProjectionRunner) {}

  rebuild(): Promise<number> {
    return this.runner.rebuild();
  }
}

/** Starts the relay, the consumers (approvals, storage, custody), the expiry and escalation timers with the application, and stops them with it. */
@Injectable()
class RequestsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown, QuarantineReaders {
  private readonly logger = new Logger('Requests');
  private relay?: OutboxRelay;
  private consumer?: EventConsumer;
  private exportsConsumer?: EventConsumer;
  private viewingConsumer?: EventConsumer;

  constructor(
    @Inject(REQUESTS_OPTIONS) private readonly options: ResolvedRequestsOptions,
    @Inject(REQUESTS_POOL) private readonly pool: Pool,
    private readonly expiry: ExpireStaleRequests,
    private readonly escalation: EscalateOverdueFulfilment,
    private readonly requests: AccessRequestRepository,
  ) {}

  /** The approvals consumer, once started, for the operator's quarantine command. */
  readers(): QuarantineReader[] {
    return this.consumer ? [this.consumer.quarantineReader(this.requests.store)] : [];
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorkers) return;
    this.relay = new OutboxRelay({
      service: SERVICE,
      connection: { connectionString: this.options.databaseUrl },
      transport: this.options.transport,
      topicPrefix: this.options.topicPrefix,
      idlePollMs: 500,
      onError: (error) => this.logger.error({ msg: 'requests relay failed', reason: String((error as Error)?.message ?? error) }),
    });
    this.relay.start();
    this.consumer = approvalDecisionsConsumer({
      name: this.options.consumerGroup,
      pool: this.pool,
      transport: this.options.transport,
      topicPrefix: this.options.topicPrefix,
    });
    await this.consumer.start();
    this.exportsConsumer = storageExportsConsumer({
      name: `${this.options.consumerGroup}.storage-exports`,
      pool: this.pool,
      transport: this.options.transport,
      topicPrefix: this.options.topicPrefix,
    });
    await this.exportsConsumer.start();
    this.viewingConsumer = custodyViewingConsumer({
      name: `${this.options.consumerGroup}.custody-viewing`,
      pool: this.pool,
      transport: this.options.transport,
      topicPrefix: this.options.topicPrefix,
    });
    await this.viewingConsumer.start();
    this.expiry.start();
    this.escalation.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.exportsConsumer?.stop();
    await this.viewingConsumer?.stop();
    await this.relay?.stop();
    await this.expiry.stop();
    await this.escalation.stop();
    await this.pool.end();
  }
}

/**
 * The requests service (issue 5, Articles 17–18): file, co-sign, withdraw and expire access
 * requests; the officers' "my requests" and each owner's fulfilment queue. Needs the global
 * `AuthModule` (guards) and `configureApp` (validation, error bodies) of the application.
 */
@Module({})
export class RequestsModule {
  static forRoot(input: RequestsModuleOptions): DynamicModule {
    const options = resolveRequestsOptions(input);
    return {
      module: RequestsModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        MyRequestsHttpController,
        RequestTimelineHttpController,
        FileRequestHttpController,
        CoSignRequestHttpController,
        WithdrawRequestHttpController,
        AttachFeeHttpController,
        FulfilmentQueueHttpController,
        EscalationsHttpController,
        QuarantineHttpController,
      ],
      providers: [
        { provide: REQUESTS_OPTIONS, useValue: options },
        {
          provide: REQUESTS_POOL,
          useFactory: async () => {
            const pool = resilientPool({ connectionString: options.databaseUrl, max: 10 });
            return migratedPool(pool, 'requests', REQUESTS_MIGRATIONS);
          },
        },
        {
          provide: REQUESTS_REGISTRY_FACTS,
          useValue: 'http' in options.registry ? new HttpRequestsRegistryFacts(options.registry.http) : (options.registry as RequestsRegistryFacts),
        },
        {
          provide: AccessRequestRepository,
          useFactory: (pool: Pool) => new AccessRequestRepository(pool, new EventStore(pool, SERVICE, requestsEventRegistry())),
          inject: [REQUESTS_POOL],
        },
        {
          provide: RequestsReadModel,
          useFactory: (repo: AccessRequestRepository) => new RequestsReadModel(new ProjectionRunner(repo.pool, repo.store, requestsProjection)),
          inject: [AccessRequestRepository],
        },
        FileRequestHandler,
        CoSignRequestHandler,
        WithdrawRequestHandler,
        AttachFeeHandler,
        ExpireStaleRequests,
        EscalateOverdueFulfilment,
        RequestsLifecycle,
        RequestRefusalInterceptor,
        { provide: QUARANTINE_READERS, useExisting: RequestsLifecycle },
      ],
      exports: [ExpireStaleRequests, EscalateOverdueFulfilment, RequestsReadModel, REQUESTS_POOL],
    };
  }
}
