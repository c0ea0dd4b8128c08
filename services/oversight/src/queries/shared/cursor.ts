/** The path of the ledger's inclusion proof of an event (services/ledger: GET /ledger/proofs/inclusion). */
export function inclusionProofPath(eventId: string): string {
  return `/v1/ledger/proofs/inclusion?eventId=${encodeURIComponent(eventId)}`;
}
