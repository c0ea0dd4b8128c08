import { SERVICES } from '@custos/contracts';
import type { BusOptions, EventTransport } from '@custos/eventstore';
import type { Client as MinioClient } from 'minio';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { CheckpointArchive } from './domain/checkpoint-archive.port';

/** An S3 bucket with Object Lock for the checkpoints' write-once copies. */
export interface S3CheckpointBucket {
  readonly client: MinioClient;
  readonly bucket: string;
  /** Key prefix; `checkpoints/` by default. */
  readonly prefix?: string;
  /** COMPLIANCE retention per checkpoint object; 3650 days by default. */
  readonly retentionDays?: number;
}

/** Everything the ledger needs, given explicitly by the application that imports it. */
export interface LedgerModuleOptions {
  /** Postgres URL of the ledger's own database (the relay of its own events opens a session on it). */
  readonly databaseUrl: string;
  /** A pool on that database to share; the module opens (and closes) its own when absent. */
  readonly pool?: Pool;
  /** The event bus: its settings (`eventBusOf(config)`; the kernel opens and closes it), or a transport the caller owns and closes. */
  readonly transport: BusOptions | EventTransport;
  readonly topicPrefix?: string;
  /** Services whose topics the ledger consumes; all six by default (the ledger included). */
  readonly services?: readonly string[];
  /** Consumer group of the ingest; `custos-ledger` by default. */
  readonly consumerGroup?: string;
  /** The checkpoint signer, `PRIVATE+KEY+<name>+<key ID>+<base64>` (C2SP note key, Ed25519). */
  readonly signerKey: string;
  /** The log's origin line in every checkpoint; the signer key's name by default. */
  readonly origin?: string;
  /** Where signed checkpoints are kept write-once: an S3 bucket with Object Lock, or another archive. */
  readonly checkpointArchive: S3CheckpointBucket | CheckpointArchive;
  /** Sign at least this often while the log grows; 5000 ms by default. */
  readonly checkpointIntervalMs?: number;
  /** ...and as soon as this many entries are not covered yet; 1000 by default. */
  readonly checkpointEveryEntries?: number;
  /** ...and soon after every append, but at most once per this many ms; 200 by default. */
  readonly checkpointMinGapMs?: number;
  /** How long a missing sequence number may stay missing before it is an alarm; 30000 ms by default. */
  readonly gapGraceMs?: number;
  /** How often gaps are checked; a third of the grace period, at most 5000 ms, by default. */
  readonly gapCheckIntervalMs?: number;
  /** Most events per append transaction (deliveries side by side are joined up to it); 2000 by default. */
  readonly maxBatch?: number;
  /** Run the outbox relay of the ledger's own events (gap alarms); true by default. */
  readonly publishOwnEvents?: boolean;
  /** Start ingest, checkpoints, gap watch and relay with the application; false serves the API only. */
  readonly run?: boolean;
  /** Prometheus registry; the platform's `MetricsRegistry` when the application has one. */
  readonly metricsRegistry?: Registry;
}

export interface ResolvedLedgerOptions extends Required<
  Omit<LedgerModuleOptions, 'pool' | 'origin' | 'metricsRegistry' | 'checkpointArchive'>
> {
  readonly pool?: Pool;
  readonly origin?: string;
  readonly metricsRegistry?: Registry;
  readonly checkpointArchive: S3CheckpointBucket | CheckpointArchive;
}

export function resolveLedgerOptions(options: LedgerModuleOptions): ResolvedLedgerOptions {
  const gapGraceMs = options.gapGraceMs ?? 30_000;
  return {
    ...options,
    topicPrefix: options.topicPrefix ?? ('kind' in options.transport ? options.transport.topicPrefix : undefined) ?? '',
    services: options.services ?? SERVICES,
    consumerGroup: options.consumerGroup ?? 'custos-ledger',
    checkpointIntervalMs: options.checkpointIntervalMs ?? 5000,
    checkpointEveryEntries: options.checkpointEveryEntries ?? 1000,
    checkpointMinGapMs: options.checkpointMinGapMs ?? 200,
    gapGraceMs,
    gapCheckIntervalMs: options.gapCheckIntervalMs ?? Math.max(100, Math.min(Math.floor(gapGraceMs / 3), 5000)),
    maxBatch: options.maxBatch ?? 2000,
    publishOwnEvents: options.publishOwnEvents ?? true,
    run: options.run ?? true,
  };
}

export function isCheckpointArchive(value: S3CheckpointBucket | CheckpointArchive): value is CheckpointArchive {
  return typeof (value as CheckpointArchive).put === 'function';
}
