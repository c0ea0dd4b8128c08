import { Pool } from 'pg';
import { CheckpointRecords, StoredCheckpoint } from '../../domain/checkpoint-records.port';
import { LedgerTiles } from './ledger-tiles';

/** A pool that answers the tile query with `stored` hashes of the range asked for, counting queries. */
function poolHolding(stored: number): { pool: Pool; queries: () => number } {
  let queries = 0;
  const query = async (q: { values: number[] }) => {
    queries++;
    const [, from, to] = q.values;
    const n = Math.max(0, Math.min(to, stored) - from);
    return { rows: [{ n, bytes: Buffer.alloc(n * 32, 1) }] };
  };
  return { pool: { query } as unknown as Pool, queries: () => queries };
}

const note = (treeSize: number) => ({ treeSize, note: `origin\n${treeSize}\nroot\n\n— sig\n` }) as StoredCheckpoint;

describe('LedgerTiles', () => {
  it('reads a tile once however many ask at the same time, then answers it from the cache', async () => {
    const { pool, queries } = poolHolding(1000);
    const tiles = new LedgerTiles(pool, {} as CheckpointRecords);
    const tile = { level: 0, index: 1, width: 256 };
    const [a, b] = await Promise.all([tiles.hashTile(tile), tiles.hashTile(tile)]);
    expect(a).toEqual(b);
    expect(a?.length).toBe(8192);
    expect(await tiles.hashTile(tile)).toBe(a);
    expect(tiles.cachedHashTile(tile)).toBe(a);
    expect(queries()).toBe(1);
  });

  it('serves no tile the log does not hold every hash of, and does not cache that answer', async () => {
    const { pool, queries } = poolHolding(300);
    const tiles = new LedgerTiles(pool, {} as CheckpointRecords);
    expect(await tiles.hashTile({ level: 0, index: 1, width: 256 })).toBeUndefined();
    expect(await tiles.hashTile({ level: 0, index: 1, width: 45 })).toBeUndefined();
    expect((await tiles.hashTile({ level: 0, index: 1, width: 44 }))?.length).toBe(44 * 32);
    expect(await tiles.hashTile({ level: 0, index: 1, width: 256 })).toBeUndefined();
    expect(queries()).toBe(4);
  });

  it('answers the checkpoint from memory for its short lifetime, then reads the newest', async () => {
    let size = 10;
    let reads = 0;
    const store = { latest: async () => (reads++, note(size)) } as unknown as CheckpointRecords;
    const tiles = new LedgerTiles(poolHolding(0).pool, store, { checkpointTtlMs: 50 });
    expect((await tiles.checkpoint())?.body.toString()).toContain('\n10\n');
    size = 20;
    expect((await tiles.checkpoint())?.checkpoint.treeSize).toBe(10);
    await new Promise((r) => setTimeout(r, 60));
    expect((await tiles.checkpoint())?.checkpoint.treeSize).toBe(20);
    expect(reads).toBe(2);
  });
});
