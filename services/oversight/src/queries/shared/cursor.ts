/** The path of the ledger's inclusion proof of an event (services/ledger: GET /ledger/proofs/inclusion). */
export function inclusionProofPath(eventId: string): string {
  return `/ledger/proofs/inclusion?eventId=${encodeURIComponent(eventId)}`;
}
