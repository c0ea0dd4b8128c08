import { ddlMigration } from '@custos/migrations';

/**
 * Cheaper appends (issue 22). A leaf's hash, recorded at append time, is a column of its row in
 * `ledger_leaves` rather than a level-0 row of `ledger_nodes`: one heap row and one primary-key
 * entry less per leaf. Existing leaves take the hash recorded for them (the append-only trigger
 * is off for this one statement, run by the owner); a leaf without one fails the migration
 * rather than being given a hash computed now. The level-0 rows written before stay and are no
 * longer read. `service` and `aggregate_id` compare bytewise ("C"): their unique and history
 * indexes then sort without the locale's collation, and equality means the same either way.
 */
export const ledgerLeafHashInLeafRow = ddlMigration({
  name: 'Ledger0002LeafHashInLeafRow1796428800000',
  statements: [
    `
ALTER TABLE ledger_leaves ADD COLUMN IF NOT EXISTS leaf_hash bytea;
ALTER TABLE ledger_leaves DISABLE TRIGGER ledger_leaves_no_update_delete;
UPDATE ledger_leaves l SET leaf_hash = n.hash
  FROM ledger_nodes n WHERE n.level = 0 AND n.node_index = l.leaf_index AND l.leaf_hash IS NULL;
ALTER TABLE ledger_leaves ENABLE TRIGGER ledger_leaves_no_update_delete;
ALTER TABLE ledger_leaves ALTER COLUMN leaf_hash SET NOT NULL,
  ADD CONSTRAINT ledger_leaves_leaf_hash_size CHECK (octet_length(leaf_hash) = 32),
  ALTER COLUMN service TYPE text COLLATE "C",
  ALTER COLUMN aggregate_id TYPE text COLLATE "C";
`,
  ],
});
