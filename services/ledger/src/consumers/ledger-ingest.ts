import { eventTopic } from '@custos/contracts';
import type { EnvelopeVerifier, EventTransport, IncomingMessage, Subscription } from '@custos/eventstore';
import { LedgerLog } from '../database/ledger-log';
import { LeafInput, Rejection } from '../domain/ledger-entry';
import { LedgerWorkerOptions } from '../ledger.metrics';
import { decodeLedgerMessage } from './ledger-message';
import { GroupCommit } from './group-commit';
import { LedgerPinnedEventKeys } from './ledger-pinned-event-keys';

export interface LedgerIngestOptions extends LedgerWorkerOptions {
  readonly log: LedgerLog;
  readonly transport: EventTransport;
  readonly groupId: string;
  readonly services: readonly string[];
  readonly topicPrefix: string;
  readonly maxBatch: number;
  /** Checks each event's signature (issue 16); the process's verifier (EVENT_TRUSTED_KEYS) by default. */
  readonly verifier?: EnvelopeVerifier;
  /** The event keys recorded in the log, pinned as their entries arrive (issue 16). */
  readonly pinnedKeys?: LedgerPinnedEventKeys;
}

/**
 * Consumes every watched service's topic in one consumer group and appends each event to the
 * log. Batches the bus delivers side by side go into one transaction (group commit). A batch
 * is acknowledged only once it is committed (at-least-once); the log skips events it already
 * holds, so redelivery and replay from offset 0 change nothing.
 */
export class LedgerIngest {
  private subscription?: Subscription;
  private readonly serviceByTopic: Map<string, string>;
  private readonly batcher: GroupCommit<IncomingMessage>;

  constructor(private readonly options: LedgerIngestOptions) {
    this.serviceByTopic = new Map(options.services.map((s) => [eventTopic(s, options.topicPrefix), s]));
    this.batcher = new GroupCommit((messages) => this.write(messages), options.maxBatch);
  }

  get topics(): string[] {
    return [...this.serviceByTopic.keys()];
  }

  async start(): Promise<void> {
    this.subscription = await this.options.transport.subscribe(
      { groupId: this.options.groupId, topics: this.topics, fromBeginning: true },
      (messages) => this.batcher.submit(messages),
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private async write(messages: readonly IncomingMessage[]): Promise<void> {
    const leaves: LeafInput[] = [];
    const rejected: Rejection[] = [];
    for (const message of messages) {
      const decoded = decodeLedgerMessage(message, this.serviceByTopic.get(message.topic) ?? '', this.options.verifier);
      if (decoded.ok) {
        leaves.push(decoded.leaf);
        this.options.pinnedKeys?.observe(decoded.leaf);
      } else rejected.push(decoded.rejection);
    }
    const { metrics } = this.options;
    try {
      const outcome = await this.options.log.append(leaves, rejected);
      metrics.appendBatches.inc();
      metrics.appended.inc(outcome.appended);
      metrics.duplicates.inc(outcome.duplicates);
      metrics.rejected.inc(outcome.rejected);
      metrics.treeSize.set(outcome.size);
    } catch (error) {
      this.options.onError?.(error);
      throw error;
    }
  }
}
