export const APPEND_ONLY_TABLES = [
  'ledger_leaves',
  'ledger_nodes',
  'ledger_checkpoints',
  'ledger_checkpoint_archived',
  'ledger_rejected',
] as const;
