import { randomBytes } from 'node:crypto';
import { CqrsModule } from '@nestjs/cqrs';
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventConsumer, EventStore, OutboxRelay, ProjectionRunner, QuarantineReader, resilientPool } from '@custos/eventstore';
import { QUARANTINE_READERS, QuarantineHttpController, QuarantineReaders } from '@custos/platform';
import { Pool } from 'pg';
import { AcknowledgeTransferHttpController } from './commands/acknowledge-transfer/acknowledge-transfer.http.controller';
import { ConfirmHandOverHttpController } from './commands/confirm-hand-over/confirm-hand-over.http.controller';
import { DeliverPackageHttpController } from './commands/deliver-package/deliver-package.http.controller';
import { EVIDENCE_ITEM_PROVIDERS } from './evidence-items.wiring';
import { InitiateHandOverHttpController } from './commands/initiate-hand-over/initiate-hand-over.http.controller';
import { CancelTransferHttpController } from './commands/cancel-transfer/cancel-transfer.http.controller';
import { IssueIntegrityChallengeHttpController } from './commands/integrity-challenge/issue-integrity-challenge.http.controller';
import { RecordReceiptHttpController } from './commands/record-receipt/record-receipt.http.controller';
import { RecordViewHttpController } from './commands/record-view/record-view.http.controller';
import { RequestDeliveryLinkHttpController } from './commands/request-delivery-link/request-delivery-link.http.controller';
import { RequestTransferHttpController } from './commands/request-transfer/request-transfer.http.controller';
import { VerifyIntegrityHttpController } from './commands/verify-integrity/verify-integrity.http.controller';
import { storageExportsConsumer } from './consumers/storage-exports.consumer';
import { custodyProjection } from './database/custody.projection';
import { CustodyReadModels } from './database/custody.read-models';
import { custodyEventRegistry, EvidenceItemRepository } from './database/evidence-item.repository';
import { CustodyModuleOptions } from './custody.options';
import { FOOTAGE_SOURCE, FootageSource } from './domain/footage-source.port';
import { LinkSigner } from './shared/signed-link';
import { APPROVAL_TRUST, CUSTODY_CLOCK, CUSTODY_EVENT_STORE, CUSTODY_OPTIONS, CUSTODY_POOL, OFFICER_DIRECTORY } from './custody.tokens';
import { AccessRegisterHttpController } from './queries/access-register/access-register.http.controller';
import { EvidenceItemsHttpController } from './queries/evidence-items/evidence-items.http.controller';
import { CustodyRefusalsHttpController } from './queries/evidence-items/custody-refusals.http.controller';
import { VIEWING_CONTROLLERS, VIEWING_PROVIDERS, ViewingWorkers } from './viewing-sessions.wiring';
import {
  DIRECT_ACCESS_CONTROLLERS,
  DIRECT_ACCESS_PROVIDERS,
  DirectAccessWorkers,
} from './direct-access.wiring';
import { DeliveryLeases } from './database/delivery-leases.table';
import { DeliverySweeper } from './commands/deliver-package/delivery-sweeper';
import { ServiceReadRegister } from './shared/service-read-register';
import { migratedPool } from '@custos/migrations';
import { CUSTODY_MIGRATIONS } from './migrations';

const SERVICE = 'custody';

/** Stands in when no storage is configured: anything that needs footage fails loudly (500). */
const NO_FOOTAGE: FootageSource = {
  segmentsCovering: () => Promise.reject(new Error('custody has no footage source configured')),
  readSegment: () => Promise.reject(new Error('custody has no footage source configured')),
  readPackage: () => Promise.reject(new Error('custody has no footage source configured')),
};
export const DEFAULT_CUSTODY_CONSUMER_GROUP = 'custody.storage-exports';

/**
 * Starts the relay and the storage consumer with the application, and stops them with it; names
 * custody's readers (its projection and both consumers) for the operator's quarantine command.
 */
@Injectable()
class CustodyLifecycle implements OnApplicationBootstrap, OnApplicationShutdown, QuarantineReaders {
  private readonly logger = new Logger('Custody');
  private relay?: OutboxRelay;
  private consumer?: EventConsumer;

  constructor(
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
    @Inject(CUSTODY_POOL) private readonly pool: Pool,
    private readonly items: EvidenceItemRepository,
    private readonly viewing: ViewingWorkers,
    private readonly readModels: CustodyReadModels,
    @Inject(CUSTODY_EVENT_STORE) private readonly store: EventStore,
    private readonly directAccess: DirectAccessWorkers,
    private readonly deliveries: DeliverySweeper,
  ) {}

  readers(): QuarantineReader[] {
    return [
      this.readModels.quarantineReader,
      ...(this.consumer ? [this.consumer.quarantineReader(this.store)] : []),
      ...this.viewing.quarantineReaders(this.store),
      ...this.directAccess.quarantineReaders(this.store),
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.viewing.start();
    await this.directAccess.start();
    this.deliveries.start();
    const { transport } = this.options;
    if (!transport) return;
    this.relay = new OutboxRelay({
      service: SERVICE,
      connection: { connectionString: this.options.databaseUrl },
      transport,
      topicPrefix: this.options.topicPrefix,
      idlePollMs: 500,
      onError: (error) => this.logger.error({ msg: 'custody relay failed', reason: String((error as Error)?.message ?? error) }),
    });
    this.relay.start();
    this.consumer = storageExportsConsumer({
      name: this.options.consumerGroup ?? DEFAULT_CUSTODY_CONSUMER_GROUP,
      pool: this.pool,
      transport,
      topicPrefix: this.options.topicPrefix,
      items: this.items,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.viewing.stop();
    await this.directAccess.stop();
    await this.deliveries.stop();
    await this.consumer?.stop();
    await this.relay?.stop();
    await this.pool.end();
  }
}

/**
 * The custody service (issue 6, R16.6, R18.5): one evidence item per export package of
 * storage, its chain of custody (hand-over to two qualified officers on a verified approval
 * document, receipt, transfers acknowledged by their receivers, verifications, views; every
 * receipt re-hashed, a mismatch raising the alarm), and the access register. Needs the global
 * `AuthModule` (guards) and `configureApp` (validation, error bodies) of the application.
 */
@Module({})
export class CustodyModule {
  static forRoot(options: CustodyModuleOptions): DynamicModule {
    return {
      module: CustodyModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        EvidenceItemsHttpController,
        CustodyRefusalsHttpController,
        AccessRegisterHttpController,
        InitiateHandOverHttpController,
        ConfirmHandOverHttpController,
        RecordReceiptHttpController,
        VerifyIntegrityHttpController,
        RequestTransferHttpController,
        AcknowledgeTransferHttpController,
        RecordViewHttpController,
        RequestDeliveryLinkHttpController,
        DeliverPackageHttpController,
        IssueIntegrityChallengeHttpController,
        CancelTransferHttpController,
        ...VIEWING_CONTROLLERS,
        QuarantineHttpController,
        ...DIRECT_ACCESS_CONTROLLERS,
      ],
      providers: [
        { provide: CUSTODY_OPTIONS, useValue: options },
        {
          provide: CUSTODY_POOL,
          useFactory: async () => {
            const pool = resilientPool({ connectionString: options.databaseUrl, max: 10 });
            return migratedPool(pool, 'custody', CUSTODY_MIGRATIONS);
          },
        },
        { provide: OFFICER_DIRECTORY, useValue: options.officers },
        { provide: APPROVAL_TRUST, useValue: options.approvalTrust },
        { provide: CUSTODY_CLOCK, useValue: options.clock ?? (() => new Date()) },
        { provide: FOOTAGE_SOURCE, useValue: options.footage ?? NO_FOOTAGE },
        // Without a configured signer, links are valid in this process only (tests, tools).
        { provide: LinkSigner, useValue: options.linkSigner ?? new LinkSigner(randomBytes(32).toString('base64url')) },
        { provide: CUSTODY_EVENT_STORE, useFactory: (pool: Pool) => new EventStore(pool, SERVICE, custodyEventRegistry()), inject: [CUSTODY_POOL] },
        { provide: EvidenceItemRepository, useFactory: (store: EventStore) => new EvidenceItemRepository(store), inject: [CUSTODY_EVENT_STORE] },
        {
          provide: CustodyReadModels,
          useFactory: (pool: Pool, store: EventStore) => new CustodyReadModels(pool, new ProjectionRunner(pool, store, custodyProjection)),
          inject: [CUSTODY_POOL, CUSTODY_EVENT_STORE],
        },
        ...EVIDENCE_ITEM_PROVIDERS,
        ServiceReadRegister,
        { provide: DeliveryLeases, useFactory: (pool: Pool) => new DeliveryLeases(pool), inject: [CUSTODY_POOL] },
        DeliverySweeper,
        ...VIEWING_PROVIDERS,
        ...DIRECT_ACCESS_PROVIDERS,
        CustodyLifecycle,
        { provide: QUARANTINE_READERS, useExisting: CustodyLifecycle },
      ],
      exports: [CustodyReadModels, EvidenceItemRepository, CUSTODY_POOL, DeliverySweeper],
    };
  }
}
