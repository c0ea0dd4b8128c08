import { withClient } from '@custos/eventstore';
import { hashesEqual, NoteSigner, signCheckpoint, verifyConsistency } from '@custos/ledger-core';
import { Pool } from 'pg';
import { MerkleLog } from '../../domain/merkle-log.port';
import { LedgerWorkerOptions } from '../../ledger.metrics';
import { CheckpointArchive } from '../../domain/checkpoint-archive.port';
import { CheckpointRecords, StoredCheckpoint } from '../../domain/checkpoint-records.port';

export interface CheckpointerOptions extends LedgerWorkerOptions {
  readonly pool: Pool;
  readonly log: MerkleLog;
  readonly store: CheckpointRecords;
  readonly archive: CheckpointArchive;
  readonly signer: NoteSigner;
  readonly origin: string;
  /**
   * Also sign on this period: appends by other replicas, and a retry after a failure, are
   * covered within it.
   */
  readonly intervalMs: number;
  /** Sign at once when this many entries are not yet covered. */
  readonly everyEntries: number;
  /**
   * Sign soon after each append that added entries, but no sooner than this after the previous
   * signing began (debounce); 200 ms by default.
   */
  readonly minGapMs?: number;
}

export interface CheckpointerStatus {
  readonly lastSize?: number;
  readonly lastSignedAt?: string;
  /** Why the last attempt published nothing, until one succeeds. */
  readonly refusal?: string;
  /** Signed checkpoints whose write-once copy is not written yet (after a failed put: retried). */
  readonly unarchived?: number;
  /** Why the last archive pass failed, until one succeeds. */
  readonly archiveFailure?: string;
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
 * Signs the tree (C2SP signed note, Ed25519) soon after entries are appended — at most every
 * `minGapMs`, at once after `everyEntries`, and every `intervalMs` in any case — so an event is
 * covered by a signed checkpoint a few hundred milliseconds after it is committed, not after a
 * fixed period.
 *
 * A checkpoint is recorded in Postgres as soon as it is signed, and then put write-once into
 * the archive in the background: the object store's latency (its p99 reached a second on the
 * benchmark's Ceph) is not in the signing path. Every checkpoint still gets its copy: each
 * archive pass writes all the stored checkpoints that have none yet, oldest first, and records
 * each copy (`ledger_checkpoint_archived`). A pass that fails (store down, a crash between the
 * two steps) leaves them pending; the next pass — after the next signing, or within
 * `intervalMs` — retries, and meanwhile `custos_ledger_checkpoints_unarchived`, the failure
 * counter (reason ARCHIVE_FAILED) and the health line show the backlog. Until a checkpoint's
 * copy is written, a rewrite of the database is provable only against copies already out (the
 * archive, auditors' saved checkpoints) — the window is the archive's outage, not forever.
 * `checkpointNow` (shutdown, tests) waits for the archive pass.
 *
 * Before signing, the new tree must prove consistent with the last signed one, from the
 * stored nodes. A database rewritten behind the service's back therefore stops the
 * checkpoints (and raises `custos_ledger_checkpoint_failures_total`) instead of being signed.
 */
export class Checkpointer {
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private running?: Promise<void>;
  private archiving: Promise<void> = Promise.resolve();
  private again = false;
  private signedSize = -1;
  private lastBegan = 0;
  private state: CheckpointerStatus = {};

  constructor(private readonly options: CheckpointerOptions) {
    options.log.onAppended((size) => {
      if (this.timer === undefined) return;
      if (size - this.signedSize >= options.everyEntries) this.trigger();
      else this.triggerSoon();
    });
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.trigger(), this.options.intervalMs);
    this.trigger();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.soon);
    this.timer = undefined;
    this.soon = undefined;
    this.again = false;
    await this.running;
    await this.archiving;
  }

  status(): CheckpointerStatus {
    return this.state;
  }

  /**
   * Signs the current tree now, unless the latest checkpoint already covers it, and writes the
   * archive copies still missing; throws if either fails.
   */
  async checkpointNow(): Promise<StoredCheckpoint | undefined> {
    const signed = await this.sign();
    await this.archivePending(true);
    return signed;
  }

  private sign(): Promise<StoredCheckpoint | undefined> {
    // withClient: Postgres dropping this held connection must fail the signing, not the process.
    return withClient(this.options.pool, async (client) => {
      // One signer at a time across replicas; another holding it is doing this very work.
      const { rows } = await client.query("SELECT pg_try_advisory_lock(hashtext('custos.ledger.checkpoint')) AS held");
      if (!rows[0].held) return undefined;
      try {
        return await this.signAndPublish();
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext('custos.ledger.checkpoint'))");
      }
    });
  }

  /** Debounced: one signing at most every `minGapMs`, however many appends commit meanwhile. */
  private triggerSoon(): void {
    if (this.soon !== undefined) return;
    const wait = Math.max(0, this.lastBegan + (this.options.minGapMs ?? 200) - Date.now());
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.trigger();
    }, wait);
  }

  private trigger(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        this.lastBegan = Date.now();
        await this.sign()
          .then(() => void this.archivePending(false))
          .catch((error: unknown) => {
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
      // From the database, not the proof cache: this check is what catches a rewritten store.
      const proof = await log.consistencyProof(last.treeSize, size, { cached: false });
      if (!verifyConsistency(last.treeSize, size, last.rootHash, rootHash, proof)) {
        throw new CheckpointRefusedError(
          'INCONSISTENT_WITH_PREVIOUS',
          `the stored tree of size ${size} does not extend the checkpoint signed at size ${last.treeSize}`,
        );
      }
    }
    const note = signCheckpoint({ origin, size, rootHash }, signer);
    await store.insert(size, rootHash, note, archive.keyOf(size));
    const stored = (await store.atSize(size)) as StoredCheckpoint;
    metrics.checkpoints.inc();
    this.published(stored);
    return stored;
  }

  private published(checkpoint: StoredCheckpoint): void {
    this.signedSize = checkpoint.treeSize;
    this.options.metrics.checkpointSize.set(checkpoint.treeSize);
    const { unarchived, archiveFailure } = this.state;
    this.state = {
      lastSize: checkpoint.treeSize,
      lastSignedAt: checkpoint.signedAt.toISOString(),
      ...(unarchived === undefined ? {} : { unarchived }),
      ...(archiveFailure === undefined ? {} : { archiveFailure }),
    };
  }

  /**
   * Queues an archive pass after the one running (passes never overlap in a process; replicas
   * may both write a copy, which the archive accepts: same key, same note). `rethrow` for
   * callers that must know it failed; otherwise the failure is counted and reported.
   */
  private archivePending(rethrow: boolean): Promise<void> {
    const pass = this.archiving.then(() => this.archivePass());
    this.archiving = pass.catch((error: unknown) => {
      this.options.metrics.checkpointFailures.inc({ reason: 'ARCHIVE_FAILED' });
      this.state = { ...this.state, archiveFailure: (error as Error).message };
      this.options.onError?.(error);
    });
    return rethrow ? pass : this.archiving;
  }

  private async archivePass(): Promise<void> {
    const { store, archive, metrics } = this.options;
    for (;;) {
      const pending = await store.unarchived(100);
      for (const checkpoint of pending) {
        await store.recordArchived(checkpoint.treeSize, await archive.put(checkpoint.treeSize, checkpoint.note));
      }
      if (pending.length < 100) break;
    }
    const unarchived = await store.countUnarchived();
    metrics.checkpointsUnarchived.set(unarchived);
    this.state = { ...this.state, unarchived, archiveFailure: undefined };
  }
}
