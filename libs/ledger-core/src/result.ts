/**
 * Expected failures are values (CONVENTIONS.md): a verifier that meets a forged note or a
 * broken proof reports it with a stable code instead of throwing, so callers cannot forget to
 * handle it and no stack trace leaks into a report.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
