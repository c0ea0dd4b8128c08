import { hashesEqual, NoteSigner, signCheckpoint, verifyConsistency } from '@custos/ledger-core';
import { Pool } from 'pg';
import { LedgerLog } from '../log/ledger-log';
import { LedgerMetrics } from '../ledger.metrics';
import { CheckpointArchive } from './checkpoint-archive';
import { CheckpointStore, StoredCheckpoint } from './checkpoint-store';

export interface CheckpointerOptions {
  readonly pool: Pool;
  readonly log: LedgerLog;
  readonly store: CheckpointStore;
  readonly archive: CheckpointArchive;
  readonly signer: NoteSigner;
  readonly origin: string;
  /** Sign at least this often while the log grows. */
  readonly intervalMs: number;
  /** ...and as soon as this many entries are not yet covered. */
  readonly everyEntries: number;
  readonly metrics: LedgerMetrics;
  readonly onError?: (error: unknown) => void;
}

export interface CheckpointerStatus {
  readonly lastSize?: number;
  readonly lastSignedAt?: string;
  /** Why the last attempt published nothing, until one succeeds. */
  readonly refusal?: string;
}

export class CheckpointRefusedError extends Error {
  constructor(
    readonly reason: 'LOG_SHRANK' | 'INCONSISTENT_WITH_PREVIOUS',
    message: string,
  ) {
    super(message);
    this.name = 'CheckpointRefusedError';
  }
}

/**
 * Signs the tree every `intervalMs` or `everyEntries` new leaves (C2SP signed note, Ed25519),
 * puts the note write-once into the archive, then records it in Postgres. Archive first: a
 * checkpoint in the database is always also in the archive, and a crash in between leaves at
 * worst an archived checkpoint of a real tree state.
 *
 * Before signing, the new tree must prove consistent with the last signed one, from the
 * stored nodes. A database rewritten behind the service's back therefore stops the
 * checkpoints (and raises `custos_ledger_checkpoint_failures_total`) instead of being signed.
 */
export class Checkpointer {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private signedSize = -1;
  private state: CheckpointerStatus = {};

  constructor(private readonly options: CheckpointerOptions) {
    options.log.onAppended((size) => {
      if (this.timer !== undefined && size - this.signedSize >= options.everyEntries) this.trigger();
    });
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.trigger(), this.options.intervalMs);
    this.trigger();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running;
  }

  status(): CheckpointerStatus {
    return this.state;
  }

  /** Signs the current tree now, unless the latest checkpoint already covers it. */
  async checkpointNow(): Promise<StoredCheckpoint | undefined> {
    const client = await this.options.pool.connect();
    try {
      // One signer at a time across replicas; another holding it is doing this very work.
      const { rows } = await client.query("SELECT pg_try_advisory_lock(hashtext('custos.ledger.checkpoint')) AS held");
      if (!rows[0].held) return undefined;
      try {
        return await this.signAndPublish();
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext('custos.ledger.checkpoint'))");
      }
    } finally {
      client.release();
    }
  }

  private trigger(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.checkpointNow().catch((error: unknown) => {
          const reason = error instanceof CheckpointRefusedError ? error.reason : 'PUBLISH_FAILED';
          this.options.metrics.checkpointFailures.inc({ reason });
          this.state = { ...this.state, refusal: `${reason}: ${(error as Error).message}` };
          this.options.onError?.(error);
        });
      } while (this.again);
      this.running = undefined;
    })();
  }

  private async signAndPublish(): Promise<StoredCheckpoint | undefined> {
    const { log, store, archive, signer, origin, metrics } = this.options;
    const size = await log.size();
    const last = await store.latest();
    if (last !== undefined && size < last.treeSize) {
      throw new CheckpointRefusedError(
        'LOG_SHRANK',
        `the log holds ${size} entries; checkpoint ${last.treeSize} was signed`,
      );
    }
    const rootHash = await log.root(size);
    if (last !== undefined && size === last.treeSize) {
      // Nothing new to sign, but a tree rewritten at the same size must not pass unnoticed.
      if (!hashesEqual(rootHash, last.rootHash)) {
        throw new CheckpointRefusedError(
          'INCONSISTENT_WITH_PREVIOUS',
          `the stored tree of size ${size} no longer has the root signed for that size`,
        );
      }
      this.published(last);
      return last;
    }
    if (last !== undefined && last.treeSize > 0) {
      const proof = await log.consistencyProof(last.treeSize, size);
      if (!verifyConsistency(last.treeSize, size, last.rootHash, rootHash, proof)) {
        throw new CheckpointRefusedError(
          'INCONSISTENT_WITH_PREVIOUS',
          `the stored tree of size ${size} does not extend the checkpoint signed at size ${last.treeSize}`,
        );
      }
    }
    const note = signCheckpoint({ origin, size, rootHash }, signer);
    const archived = await archive.put(size, note);
    await store.insert(size, rootHash, note, archived);
    const stored = (await store.atSize(size)) as StoredCheckpoint;
    metrics.checkpoints.inc();
    this.published(stored);
    return stored;
  }

  private published(checkpoint: StoredCheckpoint): void {
    this.signedSize = checkpoint.treeSize;
    this.options.metrics.checkpointSize.set(checkpoint.treeSize);
    this.state = { lastSize: checkpoint.treeSize, lastSignedAt: checkpoint.signedAt.toISOString() };
  }
}
