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
 * it cites, and a human reason. `details` carries the facts the decision rested on.
 */
export interface DomainError {
  readonly code: string;
  readonly rule: string;
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
  rule: string,
  message: string,
  details?: Record<string, unknown>,
): DomainError {
  return details === undefined ? { code, rule, message } : { code, rule, message, details };
}
