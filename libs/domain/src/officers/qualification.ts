import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';

export const QUALIFICATION_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];

export interface QualificationStatusChange {
  readonly status: QualificationStatus;
  readonly since: Date;
}

/**
 * An officer's law-enforcement qualification and the credential that shows it (R18.2).
 * The status history is kept whole rather than as a current status, so that the validity
 * of an access can be re-checked for the instant it happened, years later.
 */
export interface Qualification {
  readonly credentialNumber: string;
  readonly issuedAt: Date;
  /** First instant at which the credential is no longer valid. */
  readonly expiresAt: Date;
  readonly statusHistory: readonly QualificationStatusChange[];
}

export type QualificationStanding =
  'VALID' | 'NOT_YET_ISSUED' | 'EXPIRED' | 'REVOKED' | 'SUSPENDED' | 'NO_STATUS';

/**
 * The standing of a qualification at the instant `at` (R18.2): valid when issuedAt <= at <
 * expiresAt and the status in force at `at` is ACTIVE.
 *
 * A revocation is final: an ACTIVE entry recorded after it does not revive the credential (a
 * new credential is issued instead). With no status recorded at or before `at` the answer is
 * NO_STATUS, not VALID — the registry records ACTIVE at issuance, and a missing record must
 * not let an officer through.
 */
export function qualificationStandingAt(q: Qualification, at: Date): QualificationStanding {
  const t = at.getTime();
  if (t < q.issuedAt.getTime()) return 'NOT_YET_ISSUED';
  if (t >= q.expiresAt.getTime()) return 'EXPIRED';

  const inForce = [...q.statusHistory]
    .filter((change) => change.since.getTime() <= t)
    .sort((a, b) => a.since.getTime() - b.since.getTime());
  if (inForce.some((change) => change.status === 'REVOKED')) return 'REVOKED';
  const current = inForce[inForce.length - 1];
  if (current === undefined) return 'NO_STATUS';
  return current.status === 'SUSPENDED' ? 'SUSPENDED' : 'VALID';
}

/** Whether the qualification was valid at the instant `at` (R18.2). */
export function qualificationValidAt(q: Qualification, at: Date): boolean {
  return qualificationStandingAt(q, at) === 'VALID';
}

/**
 * Refuses a qualification that is not valid at `at` with CUSTOS_R18_2_QUALIFICATION_INVALID;
 * `details.standing` says why (EXPIRED, SUSPENDED, REVOKED, NOT_YET_ISSUED, NO_STATUS).
 * Returns the credential number, which the access register records (R18.2, R16.6).
 */
export function assertQualificationValid(
  q: Qualification,
  at: Date,
  details: Record<string, unknown> = {},
): Result<string> {
  const standing = qualificationStandingAt(q, at);
  if (standing !== 'VALID') {
    return err(
      domainErrorOf(
        'CUSTOS_R18_2_QUALIFICATION_INVALID',
        { ...details, credentialNumber: q.credentialNumber, standing, at: at.toISOString() },
        `law-enforcement qualification ${q.credentialNumber} is ${standing.toLowerCase().replace(/_/g, ' ')} at ${at.toISOString()}`,
      ),
    );
  }
  return ok(q.credentialNumber);
}
