/** Why a proof or plan cannot be produced; the ledger API maps these to 4xx. */
export type ProofErrorCode = 'PROOF_INDEX_OUT_OF_RANGE' | 'PROOF_SIZE_OUT_OF_RANGE';

export interface ProofError {
  readonly code: ProofErrorCode;
  readonly message: string;
}
