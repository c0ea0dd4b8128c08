import { DynamicModule, Injectable, Logger, Module, OnApplicationBootstrap, Optional, Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { EVENT_TRANSPORT, EventStore, EventTransport, Kernel, serviceWorkers, Worker } from '@custos/eventstore';
import { NoteSigner, parseSignerKey } from '@custos/ledger-core';
import { busOf, MetricsRegistry, serviceKernel } from '@custos/platform';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { ledgerAccessProviders } from './ledger-access.wiring';
import { ledgerEventRegistry } from './domain/ledger-denials';
import { LedgerController } from './queries/log/ledger.http.controller';
import { LedgerIdentity, LedgerQueries } from './queries/log/ledger-queries';
import { CheckpointArchive } from './domain/checkpoint-archive.port';
import { CheckpointRecords } from './domain/checkpoint-records.port';
import { MerkleLog } from './domain/merkle-log.port';
import { Checkpointer } from './commands/sign-checkpoint/checkpointer';
import { CheckpointStore } from './database/checkpoint-store';
import { S3CheckpointArchive } from './adapters/s3-checkpoint-archive';
import { GapMonitor } from './commands/detect-sequence-gaps/gap-monitor';
import { LedgerIngest } from './consumers/ledger-ingest';
import { LedgerLog } from './database/ledger-log';
import { LedgerMetrics } from './ledger.metrics';
import { LedgerTiles } from './queries/tiles/ledger-tiles';
import { TileFastPath } from './queries/tiles/tile-fast-path';
import { LedgerTilesController } from './queries/tiles/tiles.http.controller';
import { isCheckpointArchive, LedgerModuleOptions, ResolvedLedgerOptions, resolveLedgerOptions } from './ledger.options';
import { LEDGER_EVENT_STORE, LEDGER_OPTIONS, LEDGER_POOL } from './ledger.tokens';
import { LedgerPinnedEventKeys } from './consumers/ledger-pinned-event-keys';
import { LEDGER_MIGRATIONS } from './migrations';

const CHECKPOINT_ARCHIVE = Symbol('CHECKPOINT_ARCHIVE');
const LEDGER_SIGNING = Symbol('LEDGER_SIGNING');

function reportTo(logger: Logger, component: string): (error: unknown) => void {
  return (error) =>
    logger.error({ msg: `ledger ${component} failed`, component, reason: String((error as Error)?.message ?? error) });
}

/** What the ledger's lifecycle starts and stops. */
interface LedgerParts {
  readonly pool: Pool;
  readonly archive: CheckpointArchive;
  readonly ingest: LedgerIngest;
  readonly checkpointer: Checkpointer;
  readonly gaps: GapMonitor;
  readonly pinnedKeys: LedgerPinnedEventKeys;
}

/**
 * The ledger's workers as one, on the kernel's `serviceWorkers`: started with the application
 * (after the kernel's relay), stopped in the ledger's own order (the ingest first, a final
 * checkpoint last), before the kernel's relay, bus and pool.
 */
class LedgerLifecycle implements Worker {
  private readonly logger = new Logger('Ledger');

  constructor(
    private readonly parts: LedgerParts,
    private readonly consumerGroup: string,
  ) {}

  async start(): Promise<void> {
    const { archive, checkpointer, gaps, pinnedKeys, pool, ingest } = this.parts;
    // A ledger whose checkpoints could be deleted proves nothing: refuse to start instead.
    await archive.assertWriteOnce();
    checkpointer.start();
    gaps.start();
    await pinnedKeys.load(pool);
    await ingest.start();
    this.logger.log({ msg: 'ledger ingest started', topics: ingest.topics, group: this.consumerGroup });
  }

  async stop(): Promise<void> {
    const { ingest, gaps, checkpointer } = this.parts;
    await ingest.stop();
    await gaps.stop();
    await checkpointer.stop();
    // Sign what was appended since the last checkpoint, so a restart starts covered.
    await checkpointer.checkpointNow().catch(reportTo(this.logger, 'final checkpoint'));
  }
}

/** The ledger's lifecycle on the kernel, when its workers run. */
function ledgerLifecycle(options: ResolvedLedgerOptions): Provider {
  return serviceWorkers({
    run: options.run,
    inject: [CHECKPOINT_ARCHIVE, LedgerIngest, Checkpointer, GapMonitor, LedgerPinnedEventKeys],
    workers: ({ pool }: Kernel, archive: CheckpointArchive, ingest: LedgerIngest, checkpointer: Checkpointer, gaps: GapMonitor, pinnedKeys: LedgerPinnedEventKeys) => [
      new LedgerLifecycle({ pool, archive, ingest, checkpointer, gaps, pinnedKeys }, options.consumerGroup),
    ],
  });
}

/** Puts the cached tiles' fast path in front of the application's HTTP server, if it has one. */
@Injectable()
class TileFastPathInstaller implements OnApplicationBootstrap {
  constructor(
    private readonly fastPath: TileFastPath,
    @Optional() private readonly host?: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.host?.httpAdapter?.getHttpServer() as Server | undefined;
    if (server !== undefined) this.fastPath.install(server);
  }
}

/** The checkpoint signer and the log's public identity, derived from the options once. */
interface LedgerSigning {
  readonly signer: NoteSigner;
  readonly identity: LedgerIdentity;
}

/**
 * The audit ledger (ARCHITECTURE.md "The audit ledger", issue 7): consumes every service's
 * events into a Merkle log in Postgres, watches each service's sequence for gaps, signs
 * checkpoints and keeps them write-once, and serves proofs, histories, evidence bundles and
 * the export for the offline verifier under `/ledger` (scoped by jurisdiction and involvement, README "Access").
 */
@Module({})
export class LedgerModule {
  static forRoot(input: LedgerModuleOptions): DynamicModule {
    const options = resolveLedgerOptions(input);
    // Checked here, so that a bad key fails when the module is declared, not at boot.
    const signing = signingOf(options);
    return {
      module: LedgerModule,
      imports: [
        serviceKernel({
          service: 'ledger',
          databaseUrl: options.databaseUrl,
          pool: options.pool,
          registry: ledgerEventRegistry(),
          bus: busOf(options.transport, options.topicPrefix),
          relay: options.run && options.publishOwnEvents,
          migrations: LEDGER_MIGRATIONS,
        }),
      ],
      controllers: [LedgerController, LedgerTilesController],
      providers: [
        { provide: LEDGER_OPTIONS, useValue: options },
        { provide: LEDGER_SIGNING, useValue: signing },
        {
          provide: LedgerMetrics,
          useFactory: (registry?: Registry) => new LedgerMetrics(options.metricsRegistry ?? registry ?? new Registry()),
          inject: [{ token: MetricsRegistry, optional: true }],
        },
        {
          provide: CHECKPOINT_ARCHIVE,
          useFactory: (): CheckpointArchive => {
            const archive = options.checkpointArchive;
            return isCheckpointArchive(archive) ? archive : new S3CheckpointArchive({ ...archive, retentionDays: archive.retentionDays ?? 3650 });
          },
        },
        { provide: LedgerLog, useFactory: (pool: Pool) => new LedgerLog(pool), inject: [LEDGER_POOL] },
        { provide: CheckpointStore, useFactory: (pool: Pool) => new CheckpointStore(pool), inject: [LEDGER_POOL] },
        // The ports the commands and queries are written against, bound to the Postgres stores.
        { provide: MerkleLog, useExisting: LedgerLog },
        { provide: CheckpointRecords, useExisting: CheckpointStore },
        ...ledgerWorkerProviders(options, signing),
        {
          provide: LedgerQueries,
          useFactory: (log: MerkleLog, store: CheckpointRecords) => new LedgerQueries(log, store, signing.identity),
          inject: [MerkleLog, CheckpointRecords],
        },
        ledgerLifecycle(options),
        ...ledgerAccessProviders(),
        {
          provide: LedgerTiles,
          useFactory: (pool: Pool, store: CheckpointRecords) => new LedgerTiles(pool, store),
          inject: [LEDGER_POOL, CheckpointRecords],
        },
        { provide: TileFastPath, useFactory: (tiles: LedgerTiles) => new TileFastPath(tiles), inject: [LedgerTiles] },
        TileFastPathInstaller,
      ],
      exports: [LedgerLog, MerkleLog, LedgerQueries, Checkpointer, GapMonitor, LedgerIngest, LedgerMetrics, LedgerTiles, TileFastPath],
    };
  }
}

/** The checkpointer, the gap monitor and the ingest, on the kernel's pool, store and bus. */
function ledgerWorkerProviders(options: ResolvedLedgerOptions, { signer, identity }: LedgerSigning): Provider[] {
  const logger = new Logger('Ledger');
  return [
    {
      provide: Checkpointer,
      useFactory: (pool: Pool, log: MerkleLog, store: CheckpointRecords, archive: CheckpointArchive, metrics: LedgerMetrics) =>
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
      inject: [LEDGER_POOL, MerkleLog, CheckpointRecords, CHECKPOINT_ARCHIVE, LedgerMetrics],
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
      useFactory: (transport: EventTransport, log: LedgerLog, metrics: LedgerMetrics, pinnedKeys: LedgerPinnedEventKeys) =>
        new LedgerIngest({
          log,
          transport,
          groupId: options.consumerGroup,
          services: options.services,
          topicPrefix: options.topicPrefix,
          maxBatch: options.maxBatch,
          metrics,
          onError: reportTo(logger, 'ingest'),
          pinnedKeys,
        }),
      inject: [EVENT_TRANSPORT, LedgerLog, LedgerMetrics, LedgerPinnedEventKeys],
    },
    LedgerPinnedEventKeys,
  ];
}

function signingOf(options: ResolvedLedgerOptions): LedgerSigning {
  const signer = parseSignerKey(options.signerKey);
  if (!signer.ok) throw new Error(`ledger signer key: ${signer.error.message}`);
  return {
    signer: signer.value,
    identity: { origin: options.origin ?? signer.value.name, publicKey: signer.value.verifierKey },
  };
}
