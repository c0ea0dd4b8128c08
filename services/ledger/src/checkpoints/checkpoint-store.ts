import { Pool } from 'pg';
import { ArchivedCheckpoint } from './checkpoint-archive';

export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** The C2SP signed note, as published. */
  readonly note: string;
  readonly signedAt: Date;
  readonly objectKey: string;
  readonly objectVersion: string | null;
}

function toCheckpoint(r: Record<string, unknown>): StoredCheckpoint {
  return {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash as Buffer,
    note: r.note as string,
    signedAt: r.signed_at as Date,
    objectKey: r.object_key as string,
    objectVersion: (r.object_version as string | null) ?? null,
  };
}

const COLUMNS = 'tree_size, root_hash, note, signed_at, object_key, object_version';

/** The signed checkpoints in Postgres, in publication order (append-only, see ledger.schema.ts). */
export class CheckpointStore {
  constructor(private readonly pool: Pool) {}

  async latest(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ledger_checkpoints ORDER BY id DESC LIMIT 1`);
    return rows.length === 0 ? undefined : toCheckpoint(rows[0]);
  }

  /** The checkpoint signed at exactly `treeSize`, if any. */
  async atSize(treeSize: number): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(`SELECT ${COLUMNS} FROM ledger_checkpoints WHERE tree_size = $1`, [
      treeSize,
    ]);
    return rows.length === 0 ? undefined : toCheckpoint(rows[0]);
  }

  /** Every checkpoint of at most `maxSize` entries, in publication order. */
  async upTo(maxSize: number): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query(
      `SELECT ${COLUMNS} FROM ledger_checkpoints WHERE tree_size <= $1 ORDER BY id`,
      [maxSize],
    );
    return rows.map(toCheckpoint);
  }

  /** Records a published checkpoint; a replica that signed the same size first wins (same bytes). */
  async insert(treeSize: number, rootHash: Buffer, note: string, archived: ArchivedCheckpoint): Promise<void> {
    await this.pool.query(
      `INSERT INTO ledger_checkpoints (tree_size, root_hash, note, object_key, object_version)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tree_size) DO NOTHING`,
      [treeSize, rootHash, note, archived.key, archived.versionId],
    );
  }
}
