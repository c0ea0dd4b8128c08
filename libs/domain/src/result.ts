/**
 * Expected domain failures are values, not exceptions (CONVENTIONS.md): a rule answers with a
 * `Result`, and only the unexpected (a programming error, a misconfigured key) is thrown.
 */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<E> {
  readonly ok: false;
  readonly error: E;
}

export type Result<T, E = DomainError> = Ok<T> | Err<E>;

/**
 * A refusal or finding that a person can contest (R26.1): a stable machine code, the rule ID
 * it cites, and a human reason. `details` carries the facts the decision rested on. `rule` is
 * `null` for a check of the input's form that no rule demands (a window that ends before it
 * starts): citing a rule there would present a plausibility check as law.
 */
export interface DomainError {
  readonly code: string;
  readonly rule: string | null;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function ok(): Ok<void>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T): Ok<T | undefined> {
  return { ok: true, value };
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}

export function domainError(
  code: string,
  rule: string | null,
  message: string,
  details?: Record<string, unknown>,
): DomainError {
  return details === undefined ? { code, rule, message } : { code, rule, message, details };
}

/**
 * What an event records as the rule of a refusal: its rule ID, or `NONE` for a check of the
 * input's form that cites none. Events keep `rule` a string (their contracts require one), so
 * that readers of recorded streams need not learn a second shape.
 */
export const NO_RULE = 'NONE';

export function recordedRuleOf(error: Pick<DomainError, 'rule'>): string {
  return error.rule ?? NO_RULE;
}
