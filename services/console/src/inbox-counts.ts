/**
 * What waits for the signed-in person (issue 18, "Everyone"), as the gateway's
 * `GET /api/inbox/stream` pushes it and the web app shows it: requests waiting for their
 * co-signature, cases waiting for their approval, requests waiting for their organisation's
 * fulfilment, packages waiting for their receipt, and for a supervising PSB's head or oversight
 * officers the overdue requests escalated to their organ and still unfulfilled. `null`: not theirs
 * to do (the role is missing) or the owning service could not say now. Counts of lists are capped
 * at INBOX_CAP: a count at the cap means "at least" (shown "100+"). No imports: the browser app
 * reads this file too.
 */
export interface InboxCounts {
  readonly coSign: number | null;
  readonly approval: number | null;
  readonly fulfilment: number | null;
  readonly receipt: number | null;
  /** Overdue requests escalated to the person's organ as the PSB supervising the system, not fulfilled since (R16.5). */
  readonly escalated: number | null;
}

export type InboxKey = keyof InboxCounts;
export const INBOX_KEYS: readonly InboxKey[] = ['coSign', 'approval', 'fulfilment', 'receipt', 'escalated'];

/** The services' list endpoints answer at most this many items a page: a count at it means "at least". */
export const INBOX_CAP = 100;
