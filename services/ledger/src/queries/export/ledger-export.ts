import { HASH_SIZE } from '@custos/ledger-core';
import { Pool } from 'pg';
import { LedgerIdentity } from '../log/ledger-queries';

const NO_HASH = Buffer.alloc(HASH_SIZE).toString('base64');

async function exportSize(pool: Pool): Promise<number> {
  const { rows } = await pool.query(
    'SELECT max(leaf_index) AS last FROM ledger_leaves',
  );
  return rows[0].last === null ? 0 : Number(rows[0].last) + 1;
}

/**
 * The whole ledger as a `LedgerExport` (JSON), in chunks, so a log of millions of entries
 * streams in constant memory. `entries` and `leafHashes` come from separate columns (the
 * entries, and the leaf hashes recorded at append time), so the verifier names an entry
 * changed or removed afterwards by its index. A position whose row is gone is exported
 * empty rather than skipped: skipping would shift every later entry and hide where the hole is.
 */
export async function* ledgerExportChunks(
  pool: Pool,
  identity: LedgerIdentity,
  pageSize = 5000,
): AsyncGenerator<string> {
  // Checkpoints first, then the size: an honest log has grown to at least every size signed
  // before, so the export never shows a checkpoint beyond its entries unless entries are gone.
  const { rows: checkpoints } = await pool.query('SELECT note FROM ledger_checkpoints ORDER BY id');
  const size = await exportSize(pool);
  yield `{"origin":${JSON.stringify(identity.origin)},"publicKey":${JSON.stringify(identity.publicKey)},"treeSize":${size},`;
  yield `"checkpoints":${JSON.stringify(checkpoints.map((c) => c.note))},"entries":[`;
  yield* pages(pool, size, pageSize, 'entry', (r) => (r.entry === null ? '' : (r.entry as Buffer).toString('base64')));
  yield '],"leafHashes":[';
  yield* pages(pool, size, pageSize, 'hash', (r) =>
    r.hash === null ? NO_HASH : (r.hash as Buffer).toString('base64'),
  );
  yield ']}';
}

async function* pages(
  pool: Pool,
  size: number,
  pageSize: number,
  column: 'entry' | 'hash',
  value: (row: Record<string, unknown>) => string,
): AsyncGenerator<string> {
  for (let from = 0; from < size; from += pageSize) {
    const to = Math.min(from + pageSize, size);
    const { rows } = await pool.query(
      `SELECT ${column === 'entry' ? 'l.entry' : 'l.leaf_hash AS hash'} FROM generate_series($1::bigint, $2::bigint - 1) AS i(idx) LEFT JOIN ledger_leaves l ON l.leaf_index = i.idx ORDER BY i.idx`,
      [from, to],
    );
    yield (from === 0 ? '' : ',') + rows.map((r) => JSON.stringify(value(r))).join(',');
  }
}

/** The export as one string (tests, small ledgers). */
export async function ledgerExportJson(pool: Pool, identity: LedgerIdentity): Promise<string> {
  let json = '';
  for await (const chunk of ledgerExportChunks(pool, identity)) json += chunk;
  return json;
}
