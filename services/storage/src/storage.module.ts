import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventRegistry, STORAGE_EVENTS } from '@custos/contracts';
import { DEFAULT_RULE_PACK_CONFIG } from '@custos/domain';
import { NO_BUS } from '@custos/eventstore';
import { busOf, clockProvider, fromKernel, serviceKernel } from '@custos/platform';
import { AnswerNotHeldHandler } from './commands/answer-not-held/answer-not-held.handler';
import { AnswerNotHeldHttpController } from './commands/answer-not-held/answer-not-held.http.controller';
import { ExportFootageHandler } from './commands/export-footage/export-footage.handler';
import { ExportFootageHttpController } from './commands/export-footage/export-footage.http.controller';
import { IngestSegmentHandler } from './commands/ingest-segment/ingest-segment.handler';
import { IngestSegmentHttpController } from './commands/ingest-segment/ingest-segment.http.controller';
import { RefuseAlterationHandler } from './commands/refuse-alteration/refuse-alteration.handler';
import {
  AbortUploadHandler,
  CompleteUploadHandler,
  OpenUploadSessionHandler,
  UploadPartHandler,
} from './commands/upload-session/upload-session.handler';
import { UploadSessions } from './commands/upload-session/upload-sessions';
import { OriginalIngest } from './commands/ingest-segment/original-ingest';
import { NotHeldRepository } from './database/not-held.repository';
import { ExportRecords } from './domain/export-records.port';
import { NotHeldAnswers } from './domain/not-held-answers.port';
import { SegmentRecords } from './domain/segment-records.port';
import { UploadSessionRecords } from './domain/upload-session-records.port';
import { UploadSessionHttpController } from './commands/upload-session/upload-session.http.controller';
import { UploadSessionRepository } from './database/upload-session.repository';
import { RefuseAlterationHttpController } from './commands/refuse-alteration/refuse-alteration.http.controller';
import { ExportRepository } from './database/export.repository';
import { SegmentRepository } from './database/segment.repository';
import { ManifestSigner } from './export-package/export-manifest';
import { FootageStore } from './footage-store/footage-store.port';
import { requireRetentionDays } from './footage-store/retention-policy';
import { DownloadExportHttpController } from './queries/download-export/download-export.http.controller';
import { FindSegmentsHttpController } from './queries/find-segments/find-segments.http.controller';
import { FindSegmentsForServiceHttpController } from './queries/find-segments/find-segments-for-service.http.controller';
import { ReadSegmentHttpController } from './queries/read-segment/read-segment.http.controller';
import { NotHeldHttpController } from './queries/not-held/not-held.http.controller';
import { signingKeyOf, StorageModuleOptions } from './storage.options';
import { ExportKeyHttpController } from './queries/export-key/export-key.http.controller';
import {
  DEFAULT_RECONCILE_INTERVAL_MS,
  STORAGE_RECONCILE_INTERVAL_MS,
  UnrecordedOriginals,
} from './reconciliation/unrecorded-originals';
import {
  APPROVAL_TRUST,
  CAMERA_DIRECTORY,
  FOOTAGE_STORE,
  STORAGE_CLOCK,
  STORAGE_RULE_PACKS,
} from './storage.tokens';
import { STORAGE_MIGRATIONS } from './migrations';

const SERVICE = 'storage';

@Injectable()
class StorageLifecycle implements OnModuleInit {
  private readonly logger = new Logger('Storage');

  constructor(@Inject(FOOTAGE_STORE) private readonly store: FootageStore) {}

  async onModuleInit(): Promise<void> {
    // A store that is not write-once (no Object Lock) must not take footage: refuse to start.
    await this.store.ensureReady();
    this.logger.log({ msg: 'storage ready', retentionDays: this.store.retentionDays });
  }
}

/** R16.7: a retention below 30 days refuses to start, whatever the store says. */
function checkStorageOptions(options: StorageModuleOptions): void {
  requireRetentionDays(options.retentionDays);
  if (options.footageStore.retentionDays < options.retentionDays) {
    throw new Error(`the footage store keeps ${options.footageStore.retentionDays} days, less than RETENTION_DAYS ${options.retentionDays}`);
  }
  if (!options.pool && !options.databaseUrl) throw new Error('StorageModule needs a pool or a databaseUrl');
  if (options.relay && !options.databaseUrl) throw new Error('the storage relay needs databaseUrl for its own session');
}

/**
 * The storage service (issue 6): write-once ingest of original footage (R16.3, R16.7),
 * segment queries, exports for approved copies and retrievals with signed manifests (R18.5),
 * and refusal, with a record, of every attempt to overwrite or delete an original.
 */
@Module({})
export class StorageModule {
  static forRoot(options: StorageModuleOptions): DynamicModule {
    checkStorageOptions(options);
    const signer = new ManifestSigner(signingKeyOf(options.exportSigningKey));
    return {
      module: StorageModule,
      imports: [
        CqrsModule.forRoot(),
        serviceKernel({
          service: SERVICE,
          databaseUrl: options.databaseUrl ?? '',
          pool: options.pool,
          registry: new EventRegistry().register(...STORAGE_EVENTS),
          bus: options.relay ? busOf(options.relay.transport, options.relay.topicPrefix) : { kind: 'transport', transport: NO_BUS },
          relay: Boolean(options.relay),
          migrations: STORAGE_MIGRATIONS,
        }),
      ],
      controllers: [
        IngestSegmentHttpController,
        RefuseAlterationHttpController,
        FindSegmentsHttpController,
        ExportFootageHttpController,
        DownloadExportHttpController,
        FindSegmentsForServiceHttpController,
        ReadSegmentHttpController,
        AnswerNotHeldHttpController,
        NotHeldHttpController,
        ExportKeyHttpController,
        UploadSessionHttpController,
      ],
      providers: [
        { provide: STORAGE_RULE_PACKS, useValue: options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG },
        { provide: FOOTAGE_STORE, useValue: options.footageStore },
        { provide: CAMERA_DIRECTORY, useValue: options.cameras },
        { provide: APPROVAL_TRUST, useValue: options.approvalTrust },
        clockProvider(STORAGE_CLOCK, options.clock),
        { provide: ManifestSigner, useValue: signer },
        fromKernel(SegmentRecords, (pool, events) => new SegmentRepository(pool, events)),
        fromKernel(ExportRecords, (pool, events) => new ExportRepository(pool, events)),
        RefuseAlterationHandler,
        IngestSegmentHandler,
        ExportFootageHandler,
        AnswerNotHeldHandler,
        StorageLifecycle,
        {
          provide: STORAGE_RECONCILE_INTERVAL_MS,
          useValue: options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS,
        },
        UnrecordedOriginals,
        fromKernel(UploadSessionRecords, (pool) => new UploadSessionRepository(pool)),
        UploadSessions,
        OpenUploadSessionHandler,
        UploadPartHandler,
        CompleteUploadHandler,
        AbortUploadHandler,
        OriginalIngest,
        fromKernel(NotHeldAnswers, (pool, events) => new NotHeldRepository(pool, events)),
      ],
      exports: [ManifestSigner, UnrecordedOriginals],
    };
  }
}
