import {
  DynamicModule,
  FactoryProvider,
  Inject,
  Injectable,
  Logger,
  MiddlewareConsumer,
  Module,
  ModuleMetadata,
  NestModule,
  RequestMethod,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventStore, OutboxRelay, resilientPool } from '@custos/eventstore';
import { NoteSigner, parseSignerKey } from '@custos/ledger-core';
import { MetricsRegistry } from '@custos/platform';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { ledgerAccessProviders } from './access/access.providers';
import { ledgerEventRegistry } from './access/ledger-denials';
import { LedgerController } from './api/ledger.controller';
import { LedgerIdentity, LedgerQueries } from './api/ledger-queries';
import { CheckpointArchive } from './checkpoints/checkpoint-archive';
import { Checkpointer } from './checkpoints/checkpointer';
import { CheckpointStore } from './checkpoints/checkpoint-store';
import { S3CheckpointArchive } from './checkpoints/s3-checkpoint-archive';
import { GapMonitor } from './gaps/gap-monitor';
import { LedgerIngest } from './ingest/ledger-ingest';
import { LedgerLog } from './log/ledger-log';
import { LedgerMetrics } from './ledger.metrics';
import { LedgerTiles } from './tiles/ledger-tiles';
import { TileCacheMiddleware } from './tiles/tile-cache.middleware';
import { LedgerTilesController, TILES_PREFIX } from './tiles/tiles.controller';
import {
  isCheckpointArchive,
  LedgerModuleOptions,
  ResolvedLedgerOptions,
  resolveLedgerOptions,
} from './ledger.options';
import { LEDGER_EVENT_STORE, LEDGER_OPTIONS, LEDGER_POOL } from './ledger.tokens';
import { LedgerPinnedEventKeys } from './ingest/ledger-pinned-event-keys';
import { migratedPool } from '@custos/migrations';
import { LEDGER_MIGRATIONS } from './migrations';

const CHECKPOINT_ARCHIVE = Symbol('CHECKPOINT_ARCHIVE');
const OWN_RELAY = Symbol('OWN_RELAY');
const LEDGER_SIGNING = Symbol('LEDGER_SIGNING');

function reportTo(logger: Logger, component: string): (error: unknown) => void {
  return (error) =>
    logger.error({ msg: `ledger ${component} failed`, component, reason: String((error as Error)?.message ?? error) });
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
    private readonly pinnedKeys: LedgerPinnedEventKeys,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.run) return;
    // A ledger whose checkpoints could be deleted proves nothing: refuse to start instead.
    await this.archive.assertWriteOnce();
    this.checkpointer.start();
    this.gaps.start();
    this.relay?.start();
    await this.pinnedKeys.load(this.pool);
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

/** The checkpoint signer and the log's public identity, derived from the options once. */
interface LedgerSigning {
  readonly signer: NoteSigner;
  readonly identity: LedgerIdentity;
}

export interface LedgerModuleAsyncOptions {
  /** Modules whose providers the factory needs (e.g. the kernel's EventStoreModule for its transport). */
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: FactoryProvider['inject'];
  readonly useFactory: (...args: never[]) => LedgerModuleOptions | Promise<LedgerModuleOptions>;
}

/**
 * The audit ledger (ARCHITECTURE.md "The audit ledger", issue 7): consumes every service's
 * events into a Merkle log in Postgres, watches each service's sequence for gaps, signs
 * checkpoints and keeps them write-once, and serves proofs, histories, evidence bundles and
 * the export for the offline verifier under `/ledger` (scoped by jurisdiction and involvement, README "Access").
 */
@Module({})
export class LedgerModule implements NestModule {
  /** Cached hash tiles are answered before routing (tiles/tile-cache.middleware.ts). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TileCacheMiddleware).forRoutes({ path: `${TILES_PREFIX}/tile/*path`, method: RequestMethod.GET });
  }

  static forRoot(options: LedgerModuleOptions): DynamicModule {
    // Checked here too, so that a bad key fails when the module is declared, not at boot.
    signingOf(resolveLedgerOptions(options));
    return LedgerModule.forRootAsync({ useFactory: () => options });
  }

  /** As `forRoot`, with options built from other providers (the application's transport, config). */
  static forRootAsync(async: LedgerModuleAsyncOptions): DynamicModule {
    const logger = new Logger('Ledger');
    return {
      module: LedgerModule,
      imports: async.imports ?? [],
      controllers: [LedgerController, LedgerTilesController],
      providers: [
        {
          provide: LEDGER_OPTIONS,
          useFactory: async (...args: never[]) => resolveLedgerOptions(await async.useFactory(...args)),
          inject: async.inject ?? [],
        },
        { provide: LEDGER_SIGNING, useFactory: signingOf, inject: [LEDGER_OPTIONS] },
        {
          provide: LEDGER_POOL,
          useFactory: async (options: ResolvedLedgerOptions) => {
            const pool = options.pool ?? resilientPool({ connectionString: options.databaseUrl, max: 10 }, reportTo(logger, 'database connection'));
            return migratedPool(pool, 'ledger', LEDGER_MIGRATIONS);
          },
          inject: [LEDGER_OPTIONS],
        },
        {
          provide: LedgerMetrics,
          useFactory: (options: ResolvedLedgerOptions, registry?: Registry) =>
            new LedgerMetrics(options.metricsRegistry ?? registry ?? new Registry()),
          inject: [LEDGER_OPTIONS, { token: MetricsRegistry, optional: true }],
        },
        {
          provide: CHECKPOINT_ARCHIVE,
          useFactory: ({ checkpointArchive: archive }: ResolvedLedgerOptions): CheckpointArchive =>
            isCheckpointArchive(archive)
              ? archive
              : new S3CheckpointArchive({ ...archive, retentionDays: archive.retentionDays ?? 3650 }),
          inject: [LEDGER_OPTIONS],
        },
        {
          provide: LEDGER_EVENT_STORE,
          useFactory: (pool: Pool) => new EventStore(pool, 'ledger', ledgerEventRegistry()),
          inject: [LEDGER_POOL],
        },
        {
          provide: OWN_RELAY,
          useFactory: (options: ResolvedLedgerOptions) =>
            options.run && options.publishOwnEvents
              ? new OutboxRelay({
                  service: 'ledger',
                  connection: { connectionString: options.databaseUrl },
                  transport: options.transport,
                  topicPrefix: options.topicPrefix,
                  onError: reportTo(logger, 'relay'),
                })
              : null,
          inject: [LEDGER_OPTIONS],
        },
        { provide: LedgerLog, useFactory: (pool: Pool) => new LedgerLog(pool), inject: [LEDGER_POOL] },
        { provide: CheckpointStore, useFactory: (pool: Pool) => new CheckpointStore(pool), inject: [LEDGER_POOL] },
        {
          provide: Checkpointer,
          useFactory: (
            options: ResolvedLedgerOptions,
            { signer, identity }: LedgerSigning,
            pool: Pool,
            log: LedgerLog,
            store: CheckpointStore,
            archive: CheckpointArchive,
            metrics: LedgerMetrics,
          ) =>
            new Checkpointer({
              pool,
              log,
              store,
              archive,
              signer,
              origin: identity.origin,
              intervalMs: options.checkpointIntervalMs,
              everyEntries: options.checkpointEveryEntries,
              minGapMs: options.checkpointMinGapMs,
              metrics,
              onError: reportTo(logger, 'checkpoint'),
            }),
          inject: [
            LEDGER_OPTIONS,
            LEDGER_SIGNING,
            LEDGER_POOL,
            LedgerLog,
            CheckpointStore,
            CHECKPOINT_ARCHIVE,
            LedgerMetrics,
          ],
        },
        {
          provide: GapMonitor,
          useFactory: (options: ResolvedLedgerOptions, pool: Pool, events: EventStore, metrics: LedgerMetrics) =>
            new GapMonitor({
              pool,
              events,
              services: options.services,
              graceMs: options.gapGraceMs,
              intervalMs: options.gapCheckIntervalMs,
              metrics,
              onError: reportTo(logger, 'gap check'),
            }),
          inject: [LEDGER_OPTIONS, LEDGER_POOL, LEDGER_EVENT_STORE, LedgerMetrics],
        },
        {
          provide: LedgerIngest,
          useFactory: (options: ResolvedLedgerOptions, log: LedgerLog, metrics: LedgerMetrics, pinnedKeys: LedgerPinnedEventKeys) =>
            new LedgerIngest({
              log,
              transport: options.transport,
              groupId: options.consumerGroup,
              services: options.services,
              topicPrefix: options.topicPrefix,
              maxBatch: options.maxBatch,
              metrics,
              onError: reportTo(logger, 'ingest'),
              pinnedKeys,
            }),
          inject: [LEDGER_OPTIONS, LedgerLog, LedgerMetrics, LedgerPinnedEventKeys],
        },
        LedgerPinnedEventKeys,
        {
          provide: LedgerQueries,
          useFactory: ({ identity }: LedgerSigning, log: LedgerLog, store: CheckpointStore) =>
            new LedgerQueries(log, store, identity),
          inject: [LEDGER_SIGNING, LedgerLog, CheckpointStore],
        },
        LedgerLifecycle,
        ...ledgerAccessProviders(),
        {
          provide: LedgerTiles,
          useFactory: (pool: Pool, store: CheckpointStore) => new LedgerTiles(pool, store),
          inject: [LEDGER_POOL, CheckpointStore],
        },
        TileCacheMiddleware,
      ],
      exports: [
        LEDGER_POOL,
        LEDGER_EVENT_STORE,
        LedgerLog,
        LedgerQueries,
        Checkpointer,
        GapMonitor,
        LedgerIngest,
        LedgerMetrics,
        LedgerTiles,
      ],
    };
  }
}

function signingOf(options: ResolvedLedgerOptions): LedgerSigning {
  const signer = parseSignerKey(options.signerKey);
  if (!signer.ok) throw new Error(`ledger signer key: ${signer.error.message}`);
  return {
    signer: signer.value,
    identity: { origin: options.origin ?? signer.value.name, publicKey: signer.value.verifierKey },
  };
}
