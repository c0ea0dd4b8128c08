import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventConsumer, EventStore, OutboxRelay, ProjectionRunner, QuarantineReader, resilientPool } from '@custos/eventstore';
import { QUARANTINE_READERS, QuarantineHttpController, QuarantineReaders } from '@custos/platform';
import { Pool } from 'pg';
import { ResolvedApprovalsOptions, ApprovalsModuleOptions, resolveApprovalsOptions } from './approvals.options';
import { APPROVALS_OPTIONS, APPROVALS_POOL } from './approvals.tokens';
import { ApproveRequestHandler } from './commands/approve-request/approve-request.handler';
import { ApproveRequestHttpController } from './commands/approve-request/approve-request.http.controller';
import { DenyRequestHandler } from './commands/deny-request/deny-request.handler';
import { DecisionRefusalInterceptor } from './shared/decision-refusal.interceptor';
import { DenyRequestHttpController } from './commands/deny-request/deny-request.http.controller';
import { RevokeDocumentHandler } from './commands/revoke-document/revoke-document.handler';
import { RevokeDocumentHttpController } from './commands/revoke-document/revoke-document.http.controller';
import { requestEventsConsumer } from './consumers/request-events.consumer';
import { ApprovalCaseRepository, approvalsEventRegistry } from './database/approval-case.repository';
import { approvalsProjection } from './database/approvals.projection';
import { SigningKeys } from './database/signing-keys';
import { ApprovalDocumentsHttpController } from './queries/approval-documents/approval-documents.http.controller';
import { DocumentVerificationHttpController } from './queries/document-verification/document-verification.http.controller';
import { ApprovalQueueHttpController } from './queries/approval-queue/approval-queue.http.controller';
import { ApprovalQueue } from './queries/approval-queue/approval-queue.query';
import { HttpApprovalsRegistryFacts } from './registry/http-registry-facts';
import { APPROVALS_REGISTRY_FACTS, ApprovalsRegistryFacts } from './registry/registry-facts.port';
import { migratedPool } from '@custos/migrations';
import { APPROVALS_MIGRATIONS } from './migrations';

const SERVICE = 'approvals';

/** Rebuilds the approver queue and document register from the event log. */
export class ApprovalsReadModel {
  constructor(private readonly runner: ProjectionRunner) {}

  rebuild(): Promise<number> {
    return this.runner.rebuild();
  }
}

@Injectable()
class ApprovalsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown, QuarantineReaders {
  private readonly logger = new Logger('Approvals');
  private relay?: OutboxRelay;
  private consumer?: EventConsumer;

  constructor(
    @Inject(APPROVALS_OPTIONS) private readonly options: ResolvedApprovalsOptions,
    @Inject(APPROVALS_POOL) private readonly pool: Pool,
    private readonly cases: ApprovalCaseRepository,
  ) {}

  /** The requests consumer, once started, for the operator's quarantine command. */
  readers(): QuarantineReader[] {
    return this.consumer ? [this.consumer.quarantineReader(this.cases.store)] : [];
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.runWorkers) return;
    this.relay = new OutboxRelay({
      service: SERVICE,
      connection: { connectionString: this.options.databaseUrl },
      transport: this.options.transport,
      topicPrefix: this.options.topicPrefix,
      idlePollMs: 500,
      onError: (error) => this.logger.error({ msg: 'approvals relay failed', reason: String((error as Error)?.message ?? error) }),
    });
    this.relay.start();
    this.consumer = requestEventsConsumer({
      name: this.options.consumerGroup,
      pool: this.pool,
      transport: this.options.transport,
      topicPrefix: this.options.topicPrefix,
      cases: this.cases,
      rulePacks: this.options.rulePacks,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay?.stop();
    await this.pool.end();
  }
}

/**
 * The approvals service (issue 5, R17.2–R17.4, R18.5, R27.1): approval cases opened from
 * co-signed requests, the approver queue, approve/deny/revoke, signed approval documents with
 * per-organ keys, public keys, revocation lists and verification. Needs the application's
 * global `AuthModule` and `configureApp`.
 */
@Module({})
export class ApprovalsModule {
  static forRoot(input: ApprovalsModuleOptions): DynamicModule {
    const options = resolveApprovalsOptions(input);
    return {
      module: ApprovalsModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        ApprovalQueueHttpController,
        ApproveRequestHttpController,
        DenyRequestHttpController,
        RevokeDocumentHttpController,
        ApprovalDocumentsHttpController,
        DocumentVerificationHttpController,
        QuarantineHttpController,
      ],
      providers: [
        { provide: APPROVALS_OPTIONS, useValue: options },
        {
          provide: APPROVALS_POOL,
          useFactory: async () => {
            const pool = resilientPool({ connectionString: options.databaseUrl, max: 10 });
            return migratedPool(pool, 'approvals', APPROVALS_MIGRATIONS);
          },
        },
        {
          provide: APPROVALS_REGISTRY_FACTS,
          useValue: 'http' in options.registry ? new HttpApprovalsRegistryFacts(options.registry.http) : (options.registry as ApprovalsRegistryFacts),
        },
        {
          provide: ApprovalCaseRepository,
          useFactory: (pool: Pool) => new ApprovalCaseRepository(pool, new EventStore(pool, SERVICE, approvalsEventRegistry())),
          inject: [APPROVALS_POOL],
        },
        {
          provide: ApprovalsReadModel,
          useFactory: (repo: ApprovalCaseRepository) => new ApprovalsReadModel(new ProjectionRunner(repo.pool, repo.store, approvalsProjection)),
          inject: [ApprovalCaseRepository],
        },
        {
          provide: SigningKeys,
          // Every stored key is checked against its private key before the service answers (issue 16).
          useFactory: async (pool: Pool) => {
            const keys = new SigningKeys(pool, options.keyEncryptionSecret, new EventStore(pool, SERVICE, approvalsEventRegistry()));
            await keys.checkAll();
            return keys;
          },
          inject: [APPROVALS_POOL],
        },
        {
          provide: ApprovalQueue,
          useFactory: (pool: Pool, facts: ApprovalsRegistryFacts) => new ApprovalQueue(pool, facts),
          inject: [APPROVALS_POOL, APPROVALS_REGISTRY_FACTS],
        },
        ApproveRequestHandler,
        DenyRequestHandler,
        DecisionRefusalInterceptor,
        RevokeDocumentHandler,
        ApprovalsLifecycle,
        { provide: QUARANTINE_READERS, useExisting: ApprovalsLifecycle },
      ],
      exports: [ApprovalsReadModel, ApprovalQueue, APPROVALS_POOL],
    };
  }
}
