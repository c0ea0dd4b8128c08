import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventRegistry, LEDGER_EVENTS } from '@custos/contracts';
import { ensureEventStoreSchema, EventStore, OutboxRelay } from '@custos/eventstore';
import { parseSignerKey } from '@custos/ledger-core';
import { MetricsRegistry } from '@custos/platform';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { LedgerController } from './api/ledger.controller';
import { LedgerQueries } from './api/ledger-queries';
import { CheckpointArchive } from './checkpoints/checkpoint-archive';
import { Checkpointer } from './checkpoints/checkpointer';
import { CheckpointStore } from './checkpoints/checkpoint-store';
import { S3CheckpointArchive } from './checkpoints/s3-checkpoint-archive';
import { GapMonitor } from './gaps/gap-monitor';
import { LedgerIngest } from './ingest/ledger-ingest';
import { ensureLedgerSchema } from './log/ledger.schema';
import { LedgerLog } from './log/ledger-log';
import { LedgerMetrics } from './ledger.metrics';
import { isCheckpointArchive, LedgerModuleOptions, ResolvedLedgerOptions, resolveLedgerOptions } from './ledger.options';
import { LEDGER_EVENT_STORE, LEDGER_OPTIONS, LEDGER_POOL } from './ledger.tokens';

const CHECKPOINT_ARCHIVE = Symbol('CHECKPOINT_ARCHIVE');
const OWN_RELAY = Symbol('OWN_RELAY');

function reportTo(logger: Logger, component: string): (error: unknown) => void {
  return (error) => logger.error({ msg: `ledger ${component} failed`, component, reason: String((error as Error)?.message ?? error) });
}

/** Starts the ledger's workers with the application and stops them, in order, with it. */
@Injectable()
class LedgerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');

  constructor(
    @Inject(LEDGER_OPTIONS) private readonly options: ResolvedLedgerOptions,
    @Inject(LEDGER_POOL) private readonly pool: Pool,
    @Inject(CHECKPOINT_ARCHIVE) private readonly archive: CheckpointArchive,
    @Inject(OWN_RELAY) private readonly relay: OutboxRelay | null,
    private readonly ingest: LedgerIngest,
    private readonly checkpointer: Checkpointer,
    private readonly gaps: GapMonitor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.run) return;
    // A ledger whose checkpoints could be deleted proves nothing: refuse to start instead.
    await this.archive.assertWriteOnce();
    this.checkpointer.start();
    this.gaps.start();
    this.relay?.start();
    await this.ingest.start();
    this.logger.log({ msg: 'ledger ingest started', topics: this.ingest.topics, group: this.options.consumerGroup });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.options.run) {
      await this.ingest.stop();
      await this.relay?.stop();
      await this.gaps.stop();
      await this.checkpointer.stop();
      // Sign what was appended since the last checkpoint, so a restart starts covered.
      await this.checkpointer.checkpointNow().catch(reportTo(this.logger, 'final checkpoint'));
    }
    if (this.options.pool === undefined) await this.pool.end();
  }
}

/**
 * The audit ledger (ARCHITECTURE.md "The audit ledger", issue 7): consumes every service's
 * events into a Merkle log in Postgres, watches each service's sequence for gaps, signs
 * checkpoints and keeps them write-once, and serves proofs, histories, evidence bundles and
 * the export for the offline verifier under `/ledger` (role OVERSIGHT).
 */
@Module({})
export class LedgerModule {
  static forRoot(input: LedgerModuleOptions): DynamicModule {
    const options = resolveLedgerOptions(input);
    const signer = parseSignerKey(options.signerKey);
    if (!signer.ok) throw new Error(`ledger signer key: ${signer.error.message}`);
    const identity = { origin: options.origin ?? signer.value.name, publicKey: signer.value.verifierKey };
    const logger = new Logger('Ledger');
    return {
      module: LedgerModule,
      controllers: [LedgerController],
      providers: [
        { provide: LEDGER_OPTIONS, useValue: options },
        {
          provide: LEDGER_POOL,
          useFactory: async () => {
            const pool = options.pool ?? new Pool({ connectionString: options.databaseUrl, max: 10 });
            if (options.pool === undefined) pool.on('error', reportTo(logger, 'idle database connection'));
            await ensureEventStoreSchema(pool);
            await ensureLedgerSchema(pool);
            return pool;
          },
        },
        {
          provide: LedgerMetrics,
          useFactory: (registry?: Registry) => new LedgerMetrics(options.metricsRegistry ?? registry ?? new Registry()),
          inject: [{ token: MetricsRegistry, optional: true }],
        },
        {
          provide: CHECKPOINT_ARCHIVE,
          useFactory: (): CheckpointArchive => {
            const archive = options.checkpointArchive;
            return isCheckpointArchive(archive)
              ? archive
              : new S3CheckpointArchive({ ...archive, retentionDays: archive.retentionDays ?? 3650 });
          },
        },
        {
          provide: LEDGER_EVENT_STORE,
          useFactory: (pool: Pool) => new EventStore(pool, 'ledger', new EventRegistry().register(...LEDGER_EVENTS)),
          inject: [LEDGER_POOL],
        },
        {
          provide: OWN_RELAY,
          useFactory: (metrics: LedgerMetrics) =>
            options.run && options.publishOwnEvents
              ? new OutboxRelay({
                  service: 'ledger',
                  connection: { connectionString: options.databaseUrl },
                  transport: options.transport,
                  topicPrefix: options.topicPrefix,
                  onError: reportTo(logger, 'relay'),
                })
              : null,
          inject: [LedgerMetrics],
        },
        { provide: LedgerLog, useFactory: (pool: Pool) => new LedgerLog(pool), inject: [LEDGER_POOL] },
        { provide: CheckpointStore, useFactory: (pool: Pool) => new CheckpointStore(pool), inject: [LEDGER_POOL] },
        {
          provide: Checkpointer,
          useFactory: (pool: Pool, log: LedgerLog, store: CheckpointStore, archive: CheckpointArchive, metrics: LedgerMetrics) =>
            new Checkpointer({
              pool,
              log,
              store,
              archive,
              signer: signer.value,
              origin: identity.origin,
              intervalMs: options.checkpointIntervalMs,
              everyEntries: options.checkpointEveryEntries,
              metrics,
              onError: reportTo(logger, 'checkpoint'),
            }),
          inject: [LEDGER_POOL, LedgerLog, CheckpointStore, CHECKPOINT_ARCHIVE, LedgerMetrics],
        },
        {
          provide: GapMonitor,
          useFactory: (pool: Pool, events: EventStore, metrics: LedgerMetrics) =>
            new GapMonitor({
              pool,
              events,
              services: options.services,
              graceMs: options.gapGraceMs,
              intervalMs: options.gapCheckIntervalMs,
              metrics,
              onError: reportTo(logger, 'gap check'),
            }),
          inject: [LEDGER_POOL, LEDGER_EVENT_STORE, LedgerMetrics],
        },
        {
          provide: LedgerIngest,
          useFactory: (log: LedgerLog, metrics: LedgerMetrics) =>
            new LedgerIngest({
              log,
              transport: options.transport,
              groupId: options.consumerGroup,
              services: options.services,
              topicPrefix: options.topicPrefix,
              maxBatch: options.maxBatch,
              metrics,
              onError: reportTo(logger, 'ingest'),
            }),
          inject: [LedgerLog, LedgerMetrics],
        },
        {
          provide: LedgerQueries,
          useFactory: (log: LedgerLog, store: CheckpointStore) => new LedgerQueries(log, store, identity),
          inject: [LedgerLog, CheckpointStore],
        },
        LedgerLifecycle,
      ],
      exports: [LEDGER_POOL, LEDGER_EVENT_STORE, LedgerLog, LedgerQueries, Checkpointer, GapMonitor, LedgerIngest, LedgerMetrics],
    };
  }
}
