/** How a schema guards tables that are never changed (the event log, the audit ledger, originals). */
export interface ChangeGuard {
  /** The trigger function that refuses, e.g. `es_refuse_change`. */
  readonly fn: string;
  /** What it raises (as insufficient_privilege); its two `%` are the operation and the table. */
  readonly message: string;
  /** Each table's row trigger is `<table>_<rowTrigger>`, before UPDATE OR DELETE. */
  readonly rowTrigger: string;
  /** Also a statement trigger `<table>_no_truncate`, before TRUNCATE. */
  readonly truncate: boolean;
}

/**
 * The DDL that makes `tables` refuse UPDATE and DELETE (and TRUNCATE with `truncate`) in the
 * database itself, whoever connects: one function, triggers that only their owner (the role
 * that runs migrations) can drop. Idempotent, like every statement of a migration.
 */
export function refuseChangesDdl(guard: ChangeGuard, tables: readonly string[]): string {
  const { fn } = guard;
  const triggers = tables.map((table) => {
    const row = `${table}_${guard.rowTrigger}`;
    const rowTrigger = `DROP TRIGGER IF EXISTS ${row} ON ${table};
CREATE TRIGGER ${row} BEFORE UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${fn}();
`;
    if (!guard.truncate) return rowTrigger;
    return `${rowTrigger}DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table};
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
`;
  });
  return `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '${guard.message}', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
${triggers.join('')}`;
}
