import { domainErrorOf } from '@custos/domain';
import { DomainException } from '@custos/platform';

/** An opaque cursor over a list ordered by the log's sequence: the last one given. */
export function cursorOf(seq: number): string {
  return Buffer.from(`s:${seq}`).toString('base64url');
}

export function seqAfter(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^s:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new DomainException(domainErrorOf('CUSTOS_INPUT_OVERSIGHT_CURSOR_INVALID'));
  return Number(match[1]);
}

/** The path of the ledger's inclusion proof of an event (services/ledger: GET /ledger/proofs/inclusion). */
export function inclusionProofPath(eventId: string): string {
  return `/ledger/proofs/inclusion?eventId=${encodeURIComponent(eventId)}`;
}
