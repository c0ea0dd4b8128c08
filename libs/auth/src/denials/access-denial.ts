import type { AuthErrorCode } from '../errors/auth-error.catalogue';

/**
 * One refused access attempt. Failed attempts belong in the audit trail as much as granted
 * ones (CJIS 5.4.1.1; R16.6 registers every access), so each 401 and 403 becomes one of these.
 * It holds ids only: no token, no claim values, no query string.
 */
export interface AccessDenial {
  readonly code: AuthErrorCode;
  readonly status: number;
  /** The REGULATION.md rule the refusal serves (R26.1: a denial carries its reason and rule). */
  readonly rule: string;
  readonly method: string;
  /** The request path without its query string. */
  readonly path: string;
  /** The matched route's pattern (`/requests/:id`), never the caller's raw path; absent when no route matched. */
  readonly route?: string;
  /** The caller's network address, by which anonymous denials are counted (issue 16). */
  readonly source?: string;
  /** Set when the caller was authenticated (403), absent for 401. */
  readonly subject?: string;
  readonly organisationId?: string;
  readonly reason: string;
  /** ISO-8601 UTC instant of the refusal. */
  readonly at: string;
  readonly correlationId?: string;
}

/**
 * Port through which the auth lib writes denials. Each service binds it to its event store, so
 * that denials reach the ledger like any other event.
 */
export interface AccessDenialRecorder {
  record(denial: AccessDenial): Promise<void>;
}

export const ACCESS_DENIAL_RECORDER = Symbol('ACCESS_DENIAL_RECORDER');
