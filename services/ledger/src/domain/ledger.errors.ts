/**
 * Expected refusals of the ledger's read side, with stable codes whose status the domain's
 * catalogue holds, and integrity failures of its storage, which are never expected and
 * answer 500.
 */
export type LedgerErrorCode =
  | 'CUSTOS_LEDGER_ENTRY_NOT_FOUND'
  | 'CUSTOS_LEDGER_EVENT_NOT_FOUND'
  | 'CUSTOS_LEDGER_AGGREGATE_NOT_FOUND'
  | 'CUSTOS_LEDGER_NO_CHECKPOINT'
  | 'CUSTOS_LEDGER_SIZE_OUT_OF_RANGE'
  | 'CUSTOS_LEDGER_NOT_YET_CHECKPOINTED';

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** The stored tree is not what the appender wrote: a node is missing. */
export class LedgerIntegrityError extends Error {
  readonly code = 'CUSTOS_LEDGER_STORAGE_INCONSISTENT';

  constructor(message: string) {
    super(message);
    this.name = 'LedgerIntegrityError';
  }
}
