import { domainErrorOf } from '../errors';
import { MINIMUM_OFFICERS } from '../requests/officer-policy';
import { DomainError, err, ok, Result } from '../result';
import { viewingLimitFacts, withinViewingLimit } from './viewing-limit';

/** The refusals of a direct-access session, each citing its rule (R3.1, R17.4, R18.1, R18.4, R18.5). */
export const directAccessErrors = {
  sessionNotFound: (sessionId: string): DomainError =>
    domainErrorOf('CUSTOS_R3_1_DIRECT_ACCESS_SESSION_NOT_FOUND', { sessionId }),
  grantNotFound: (requestId: string): DomainError =>
    domainErrorOf('CUSTOS_R3_1_DIRECT_ACCESS_GRANT_NOT_FOUND', { requestId }),
  notGranted: (requestId: string, status: string): DomainError =>
    domainErrorOf('CUSTOS_R17_4_NOT_GRANTED', { requestId, status }),
  officerOfAnotherOrgan: (requestId: string, organisationId: string, grantedTo: string): DomainError =>
    domainErrorOf('CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN', {
      requestId,
      organisationId,
      grantedTo,
    }),
  outsideGrant: (requestId: string, at: string, grantFrom: string, grantTo: string): DomainError =>
    domainErrorOf('CUSTOS_R17_4_OUTSIDE_GRANT', {
      requestId,
      at,
      grantFrom,
      grantTo,
    }),
  twoOfficersRequired: (sessionId: string, joined: readonly string[]): DomainError =>
    domainErrorOf('CUSTOS_R18_1_TWO_OFFICERS_REQUIRED', {
      sessionId,
      joined,
    }),
  notInSession: (sessionId: string, personId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_NOT_IN_SESSION', { sessionId, personId }),
  tooLong: (requestedMs: number): DomainError =>
    domainErrorOf('CUSTOS_R18_4_DIRECT_ACCESS_TOO_LONG', viewingLimitFacts(requestedMs)),
  ended: (sessionId: string, reason: string, at: string): DomainError =>
    domainErrorOf('CUSTOS_R18_4_DIRECT_ACCESS_ENDED', { sessionId, reason, at }),
  revoked: (requestId: string, number: string | undefined): DomainError => domainErrorOf('CUSTOS_R18_5_REVOKED', { number, requestId }),
};

/** What the opening rule reads of an approved direct access, as custody learnt it from the approvals service. */
export interface DirectAccessGrantState {
  readonly requestId: string;
  readonly status: 'PENDING' | 'GRANTED' | 'REVOKED' | 'CLOSED';
  readonly requestingOrganisationId: string;
  readonly approvalDocumentNumber?: string;
  /** The grant's period, from the approval document's window (R17.4). */
  readonly grantFrom?: string;
  readonly grantTo?: string;
  /** The document's own end of validity. */
  readonly validUntil?: string;
}

/**
 * May `opener` open a session of `grant` at `now` for `durationMs` (R17.4, R18.4, R18.5)? Only
 * of a grant approved and not revoked, by an officer of the granted organ, within the grant's
 * period and the document's validity, for no longer than the viewing limit. Its period, and
 * when the session ends: never beyond the grant, cut at whichever comes first.
 */
export function mayOpenDirectAccess(
  grant: DirectAccessGrantState,
  opener: { readonly organisationId: string },
  durationMs: number,
  now: Date,
): Result<{ grantFrom: string; grantTo: string; expiresAt: Date }> {
  if (grant.status === 'REVOKED') return err(directAccessErrors.revoked(grant.requestId, grant.approvalDocumentNumber));
  if (grant.status !== 'GRANTED' || !grant.grantFrom || !grant.grantTo || !grant.validUntil) {
    return err(directAccessErrors.notGranted(grant.requestId, grant.status));
  }
  if (opener.organisationId !== grant.requestingOrganisationId) {
    return err(directAccessErrors.officerOfAnotherOrgan(grant.requestId, opener.organisationId, grant.requestingOrganisationId));
  }
  const end = Math.min(Date.parse(grant.grantTo), Date.parse(grant.validUntil));
  if (now.getTime() < Date.parse(grant.grantFrom) || now.getTime() >= end) {
    return err(directAccessErrors.outsideGrant(grant.requestId, now.toISOString(), grant.grantFrom, grant.grantTo));
  }
  if (!withinViewingLimit(durationMs)) return err(directAccessErrors.tooLong(durationMs));
  return ok({ grantFrom: grant.grantFrom, grantTo: grant.grantTo, expiresAt: new Date(Math.min(now.getTime() + durationMs, end)) });
}

/** What a direct-access session's rules read of its state. */
export interface DirectAccessSessionState {
  readonly sessionId: string;
  readonly requestId: string;
  readonly requestingOrganisationId: string;
  readonly expiresAt: string;
  readonly ended?: { readonly reason: string; readonly at: string };
}

/** Is the session open at `now` (R18.4): not ended, and its time not run out (even before the sweep records it)? */
export function directAccessOpenAt(session: DirectAccessSessionState, now: Date): Result<void> {
  if (session.ended) return err(directAccessErrors.ended(session.sessionId, session.ended.reason, session.ended.at));
  if (now.getTime() >= Date.parse(session.expiresAt)) return err(directAccessErrors.ended(session.sessionId, 'EXPIRED', session.expiresAt));
  return ok();
}

/** May this officer join the open session (R17.4)? Only an officer of the granted organ. */
export function mayJoinDirectAccess(session: DirectAccessSessionState, officer: { readonly organisationId: string }, now: Date): Result<void> {
  const open = directAccessOpenAt(session, now);
  if (!open.ok) return open;
  if (officer.organisationId !== session.requestingOrganisationId) {
    return err(directAccessErrors.officerOfAnotherOrgan(session.requestId, officer.organisationId, session.requestingOrganisationId));
  }
  return ok();
}

/** May `personId` use the session at `now` (R18.1, R18.4)? Open, at least two officers in (至少二人), and they one of them. */
export function mayUseDirectAccess<O>(session: DirectAccessSessionState, officers: ReadonlyMap<string, O>, personId: string, now: Date): Result<O> {
  const open = directAccessOpenAt(session, now);
  if (!open.ok) return open;
  if (officers.size < MINIMUM_OFFICERS) return err(directAccessErrors.twoOfficersRequired(session.sessionId, [...officers.keys()]));
  const officer = officers.get(personId);
  return officer === undefined ? err(directAccessErrors.notInSession(session.sessionId, personId)) : ok(officer);
}

/** May `personId` end the session (R18.4)? One of its officers, while it is open. */
export function mayEndDirectAccess(session: DirectAccessSessionState, officers: ReadonlyMap<string, unknown>, personId: string, now: Date): Result<void> {
  const open = directAccessOpenAt(session, now);
  if (!open.ok) return open;
  return officers.has(personId) ? ok() : err(directAccessErrors.notInSession(session.sessionId, personId));
}
