/**
 * The owner's duty to cooperate with a lawful use of the system (R16.5), made checkable: once
 * a request is ready for the owner (a view registered, a copy or retrieval approved), the owner
 * has a configured time per kind to fulfil it; past that deadline, unfulfilled, it is escalated
 * to the public security organ that supervises the system. The times are a policy of the
 * deployment (the text names none); a direct access is no task of the owner's (R17.4).
 */
export type FulfilmentKind = 'VIEW' | 'COPY' | 'RETRIEVE';

export const FULFILMENT_KINDS: readonly FulfilmentKind[] = ['VIEW', 'COPY', 'RETRIEVE'];

const HOUR_MS = 60 * 60 * 1000;

/** Defaults of the policy: a view within 24 h, a copy or retrieval within 72 h (R16.5). */
export const DEFAULT_FULFILMENT_DEADLINE_MS: Readonly<Record<FulfilmentKind, number>> = { VIEW: 24 * HOUR_MS, COPY: 72 * HOUR_MS, RETRIEVE: 72 * HOUR_MS };

/** When the owner must have fulfilled a request ready since `readySince` (R16.5). */
export function fulfilmentDeadline(kind: FulfilmentKind, readySince: Date, deadlinesMs: Readonly<Record<FulfilmentKind, number>>): Date {
  return new Date(readySince.getTime() + deadlinesMs[kind]);
}

/** Past its deadline at `now`: the deadline itself is already too late (R16.5). */
export function isFulfilmentOverdue(deadline: Date, now: Date): boolean {
  return now.getTime() >= deadline.getTime();
}

export interface FulfilmentEscalationFacts {
  readonly kind: FulfilmentKind;
  readonly readySince: Date;
  /** The owner exported, answered "not held" or opened the viewing session: the request is fulfilled. */
  readonly fulfilled: boolean;
  /** Still owed: not withdrawn, expired or revoked. */
  readonly stillOwed: boolean;
  /** This system's escalation of this request is already recorded. */
  readonly alreadyEscalated: boolean;
}

/**
 * Whether a request must now be escalated to the supervising PSB for one of its systems
 * (R16.5): still owed, unfulfilled, past its deadline, and not escalated before — once per
 * request and system, so a sweep repeated or run by several instances adds nothing.
 * Returns the deadline it is escalated for, or null.
 */
export function fulfilmentEscalationDue(
  facts: FulfilmentEscalationFacts,
  now: Date,
  deadlinesMs: Readonly<Record<FulfilmentKind, number>> = DEFAULT_FULFILMENT_DEADLINE_MS,
): Date | null {
  if (!facts.stillOwed || facts.fulfilled || facts.alreadyEscalated) return null;
  const deadline = fulfilmentDeadline(facts.kind, facts.readySince, deadlinesMs);
  return isFulfilmentOverdue(deadline, now) ? deadline : null;
}
