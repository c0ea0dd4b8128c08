import { Counter, Gauge, Registry } from 'prom-client';

/** What each of the ledger's workers (ingest, checkpointer, gap monitor) reports to. */
export interface LedgerWorkerOptions {
  readonly metrics: LedgerMetrics;
  /** A failed round, logged by the module; the worker goes on with the next one. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The ledger's Prometheus metrics. Labels name the watched service `source_service`, because
 * the application registry already labels every metric with `service` (= ledger).
 */
export class LedgerMetrics {
  readonly treeSize: Gauge;
  readonly appended: Counter;
  readonly duplicates: Counter;
  readonly rejected: Counter;
  readonly appendBatches: Counter;
  readonly checkpointSize: Gauge;
  readonly checkpoints: Counter;
  readonly checkpointFailures: Counter<'reason'>;
  readonly checkpointsUnarchived: Gauge;
  readonly sequenceGaps: Gauge<'source_service'>;
  readonly missingSequences: Gauge<'source_service'>;

  constructor(readonly registry: Registry = new Registry()) {
    const registers = [registry];
    const counter = <L extends string = never>(name: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers });
    const gauge = <L extends string = never>(name: string, help: string, labelNames: L[] = []) =>
      new Gauge<L>({ name, help, labelNames, registers });
    this.treeSize = gauge('custos_ledger_tree_size', 'Leaves in the Merkle log');
    this.appended = counter('custos_ledger_appended_total', 'Events appended as leaves');
    this.duplicates = counter('custos_ledger_duplicates_total', 'Redelivered events already in the log, skipped');
    this.rejected = counter('custos_ledger_rejected_total', 'Bus messages refused as events (see ledger_rejected)');
    this.appendBatches = counter(
      'custos_ledger_append_batches_total',
      'Append transactions (appended / batches = mean batch size)',
    );
    this.checkpointSize = gauge('custos_ledger_checkpoint_size', 'Tree size of the latest signed checkpoint');
    this.checkpoints = counter(
      'custos_ledger_checkpoints_total',
      'Checkpoints signed and stored (each then archived write-once)',
    );
    this.checkpointsUnarchived = gauge(
      'custos_ledger_checkpoints_unarchived',
      'Checkpoints signed and stored but not yet written to the write-once archive',
    );
    this.checkpointFailures = counter(
      'custos_ledger_checkpoint_failures_total',
      'Checkpoints not published: inconsistent with the previous one, or storage failed',
      ['reason'],
    );
    this.sequenceGaps = gauge(
      'custos_ledger_sequence_gaps',
      'Open gap alarms: sequence numbers of a service missing past the grace period',
      ['source_service'],
    );
    this.missingSequences = gauge(
      'custos_ledger_missing_sequences',
      'Sequence numbers of a service below its highest one that the ledger does not hold (in grace or alarmed)',
      ['source_service'],
    );
  }
}
