import { Counter, Gauge, Registry } from 'prom-client';

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
    this.treeSize = new Gauge({ name: 'custos_ledger_tree_size', help: 'Leaves in the Merkle log', registers });
    this.appended = new Counter({ name: 'custos_ledger_appended_total', help: 'Events appended as leaves', registers });
    this.duplicates = new Counter({
      name: 'custos_ledger_duplicates_total',
      help: 'Redelivered events already in the log, skipped',
      registers,
    });
    this.rejected = new Counter({
      name: 'custos_ledger_rejected_total',
      help: 'Bus messages refused as events (see ledger_rejected)',
      registers,
    });
    this.appendBatches = new Counter({
      name: 'custos_ledger_append_batches_total',
      help: 'Append transactions (appended / batches = mean batch size)',
      registers,
    });
    this.checkpointSize = new Gauge({
      name: 'custos_ledger_checkpoint_size',
      help: 'Tree size of the latest signed checkpoint',
      registers,
    });
    this.checkpoints = new Counter({
      name: 'custos_ledger_checkpoints_total',
      help: 'Checkpoints signed and stored (each then archived write-once)',
      registers,
    });
    this.checkpointsUnarchived = new Gauge({
      name: 'custos_ledger_checkpoints_unarchived',
      help: 'Checkpoints signed and stored but not yet written to the write-once archive',
      registers,
    });
    this.checkpointFailures = new Counter({
      name: 'custos_ledger_checkpoint_failures_total',
      help: 'Checkpoints not published: inconsistent with the previous one, or storage failed',
      labelNames: ['reason'],
      registers,
    });
    this.sequenceGaps = new Gauge({
      name: 'custos_ledger_sequence_gaps',
      help: 'Open gap alarms: sequence numbers of a service missing past the grace period',
      labelNames: ['source_service'],
      registers,
    });
    this.missingSequences = new Gauge({
      name: 'custos_ledger_missing_sequences',
      help: 'Sequence numbers of a service below its highest one that the ledger does not hold (in grace or alarmed)',
      labelNames: ['source_service'],
      registers,
    });
  }
}
