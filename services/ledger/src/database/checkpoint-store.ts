import { Pool } from 'pg';
import { ArchivedCheckpoint } from '../domain/checkpoint-archive.port';
import { CheckpointRecords, StoredCheckpoint } from '../domain/checkpoint-records.port';

function toCheckpoint(r: Record<string, unknown>): StoredCheckpoint {
  return {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash as Buffer,
    note: r.note as string,
    signedAt: r.signed_at as Date,
    objectKey: r.object_key as string,
    objectVersion: (r.object_version as string | null) ?? null,
    archived: r.archived as boolean,
  };
}

const COLUMNS = `c.tree_size, c.root_hash, c.note, c.signed_at, coalesce(a.object_key, c.object_key) AS object_key,
  coalesce(a.object_version, c.object_version) AS object_version, (a.tree_size IS NOT NULL OR NOT c.archive_pending) AS archived`;
const FROM = 'ledger_checkpoints c LEFT JOIN ledger_checkpoint_archived a USING (tree_size)';

/** The signed checkpoints in Postgres, in publication order (append-only, see ledger.schema.ts). */
export class CheckpointStore implements CheckpointRecords {
  constructor(private readonly pool: Pool) {}

  async latest(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${FROM} ORDER BY c.id DESC LIMIT 1`);
    return rows.length === 0 ? undefined : toCheckpoint(rows[0]);
  }

  /** The checkpoint signed at exactly `treeSize`, if any. */
  async atSize(treeSize: number): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.tree_size = $1`, [treeSize]);
    return rows.length === 0 ? undefined : toCheckpoint(rows[0]);
  }

  /** Every checkpoint of at most `maxSize` entries, in publication order. */
  async upTo(maxSize: number): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.tree_size <= $1 ORDER BY c.id`, [
      maxSize,
    ]);
    return rows.map(toCheckpoint);
  }

  /**
   * Records a checkpoint as soon as it is signed, its archive copy still to be written; a
   * replica that signed the same size first wins (same bytes: Ed25519 is deterministic).
   */
  async insert(treeSize: number, rootHash: Buffer, note: string, objectKey: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ledger_checkpoints (tree_size, root_hash, note, object_key, archive_pending)
       VALUES ($1, $2, $3, $4, true) ON CONFLICT (tree_size) DO NOTHING`,
      [treeSize, rootHash, note, objectKey],
    );
  }

  /** Checkpoints whose write-once copy is still to be written, oldest first. */
  async unarchived(limit: number): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE c.archive_pending AND a.tree_size IS NULL ORDER BY c.tree_size LIMIT $1`,
      [limit],
    );
    return rows.map(toCheckpoint);
  }

  async countUnarchived(): Promise<number> {
    const { rows } = await this.pool.query(
      `SELECT count(*) AS n FROM ${FROM} WHERE c.archive_pending AND a.tree_size IS NULL`,
    );
    return Number(rows[0].n);
  }

  /** Records that the copy of the checkpoint at `treeSize` is written (once: another replica may have). */
  async recordArchived(treeSize: number, archived: ArchivedCheckpoint): Promise<void> {
    await this.pool.query(
      `INSERT INTO ledger_checkpoint_archived (tree_size, object_key, object_version) VALUES ($1, $2, $3)
       ON CONFLICT (tree_size) DO NOTHING`,
      [treeSize, archived.key, archived.versionId],
    );
  }
}
