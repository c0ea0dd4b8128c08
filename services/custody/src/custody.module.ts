import { randomBytes } from 'node:crypto';
import { CqrsModule } from '@nestjs/cqrs';
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { EVENT_TRANSPORT, EventTransport, Kernel, NO_BUS, ProjectionRunner } from '@custos/eventstore';
import { busOf, clockProvider, fromKernel, QuarantineHttpController, serviceKernel, serviceWorkerProviders } from '@custos/platform';
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
import { APPROVAL_TRUST, CUSTODY_CLOCK, CUSTODY_OPTIONS, OFFICER_DIRECTORY } from './custody.tokens';
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
 * Custody's workers on the kernel: the viewing and direct-access sessions' consumers and sweeps,
 * the delivery sweeper and (with a bus) the storage consumer; and its readers (its projection and
 * the consumers) for the operator's quarantine command.
 */
function custodyWorkers(options: CustodyModuleOptions): Provider[] {
  const bus = Boolean(options.bus ?? options.transport);
  return serviceWorkerProviders({
    inject: [ViewingWorkers, DirectAccessWorkers, DeliverySweeper, EvidenceItemRepository, CustodyReadModels],
    workers: (
      { pool, transport, topicPrefix }: Kernel,
      viewing: ViewingWorkers,
      directAccess: DirectAccessWorkers,
      deliveries: DeliverySweeper,
      items: EvidenceItemRepository,
    ) => [
      viewing,
      directAccess,
      deliveries,
      ...(bus ? [storageExportsConsumer({ name: options.consumerGroup ?? DEFAULT_CUSTODY_CONSUMER_GROUP, pool, transport, topicPrefix, items })] : []),
    ],
    readers: ({ store }: Kernel, viewing: ViewingWorkers, directAccess: DirectAccessWorkers, _d: unknown, _i: unknown, readModels: CustodyReadModels) => [
      readModels.quarantineReader,
      ...viewing.quarantineReaders(store),
      ...directAccess.quarantineReaders(store),
    ],
  });
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
      imports: [
        CqrsModule.forRoot(),
        serviceKernel({
          service: SERVICE,
          databaseUrl: options.databaseUrl,
          registry: custodyEventRegistry(),
          bus: options.bus ?? busOf(options.transport ?? NO_BUS, options.topicPrefix),
          relay: Boolean(options.bus ?? options.transport),
          migrations: CUSTODY_MIGRATIONS,
        }),
      ],
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
        // The workers' consumers take the kernel's transport, when custody has a bus at all.
        {
          provide: CUSTODY_OPTIONS,
          useFactory: (transport: EventTransport): CustodyModuleOptions => ({
            ...options,
            transport: options.bus ?? options.transport ? transport : undefined,
            topicPrefix: options.topicPrefix ?? options.bus?.topicPrefix,
          }),
          inject: [EVENT_TRANSPORT],
        },
        { provide: OFFICER_DIRECTORY, useValue: options.officers },
        { provide: APPROVAL_TRUST, useValue: options.approvalTrust },
        clockProvider(CUSTODY_CLOCK, options.clock),
        { provide: FOOTAGE_SOURCE, useValue: options.footage ?? NO_FOOTAGE },
        // Without a configured signer, links are valid in this process only (tests, tools).
        { provide: LinkSigner, useValue: options.linkSigner ?? new LinkSigner(randomBytes(32).toString('base64url')) },
        fromKernel(EvidenceItemRepository, (_pool, store) => new EvidenceItemRepository(store)),
        fromKernel(CustodyReadModels, (pool, store) => new CustodyReadModels(pool, new ProjectionRunner(pool, store, custodyProjection))),
        ...EVIDENCE_ITEM_PROVIDERS,
        ServiceReadRegister,
        fromKernel(DeliveryLeases, (pool) => new DeliveryLeases(pool)),
        DeliverySweeper,
        ...VIEWING_PROVIDERS,
        ...DIRECT_ACCESS_PROVIDERS,
        ...custodyWorkers(options),
      ],
      exports: [CustodyReadModels, EvidenceItemRepository, DeliverySweeper],
    };
  }
}
