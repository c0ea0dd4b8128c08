import { domainError, DomainError } from '@custos/domain';

/** HTTP statuses of the direct-access sessions' own codes (R17.4, R18.1–R18.4). */
export const DIRECT_ACCESS_ERROR_STATUS: Readonly<Record<string, 400 | 403 | 404 | 409>> = {
  CUSTOS_R3_1_DIRECT_ACCESS_SESSION_NOT_FOUND: 404,
  CUSTOS_R3_1_DIRECT_ACCESS_GRANT_NOT_FOUND: 404,
  CUSTOS_R17_4_NOT_GRANTED: 409,
  CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN: 403,
  CUSTOS_R17_4_OUTSIDE_GRANT: 403,
  CUSTOS_R18_1_TWO_OFFICERS_REQUIRED: 403,
  CUSTOS_R18_1_NOT_IN_SESSION: 403,
  CUSTOS_R18_4_DIRECT_ACCESS_TOO_LONG: 400,
  CUSTOS_R18_4_DIRECT_ACCESS_ENDED: 409,
};

/** The longest one direct-access session may last (R18.4: time-boxed), within its grant. */
export const MAX_DIRECT_ACCESS_SESSION_MS = 4 * 60 * 60_000;
/** At least two officers (R18.1: 至少二人) are in a session before anything can be accessed. */
export const MIN_DIRECT_ACCESS_OFFICERS = 2;

export const directAccessErrors = {
  sessionNotFound: (sessionId: string): DomainError =>
    domainError('CUSTOS_R3_1_DIRECT_ACCESS_SESSION_NOT_FOUND', 'R3.1', 'no such direct-access session visible to you', { sessionId }),
  grantNotFound: (requestId: string): DomainError =>
    domainError('CUSTOS_R3_1_DIRECT_ACCESS_GRANT_NOT_FOUND', 'R3.1', 'custody knows no direct-access request of that id', { requestId }),
  notGranted: (requestId: string, status: string): DomainError =>
    domainError('CUSTOS_R17_4_NOT_GRANTED', 'R17.4', 'the direct access is not approved (or no longer)', { requestId, status }),
  officerOfAnotherOrgan: (requestId: string, organisationId: string, grantedTo: string): DomainError =>
    domainError('CUSTOS_R17_4_OFFICER_OF_ANOTHER_ORGAN', 'R17.4', 'only officers of the organ granted direct access use it', {
      requestId,
      organisationId,
      grantedTo,
    }),
  outsideGrant: (requestId: string, at: string, grantFrom: string, grantTo: string): DomainError =>
    domainError('CUSTOS_R17_4_OUTSIDE_GRANT', 'R17.4', 'direct access is used only within the approved grant period', {
      requestId,
      at,
      grantFrom,
      grantTo,
    }),
  twoOfficersRequired: (sessionId: string, joined: readonly string[]): DomainError =>
    domainError('CUSTOS_R18_1_TWO_OFFICERS_REQUIRED', 'R18.1', 'direct access starts only once at least two officers are in the session', {
      sessionId,
      joined,
    }),
  notInSession: (sessionId: string, personId: string): DomainError =>
    domainError('CUSTOS_R18_1_NOT_IN_SESSION', 'R18.1', 'only the officers who joined the session may use it', { sessionId, personId }),
  tooLong: (requestedMs: number): DomainError =>
    domainError('CUSTOS_R18_4_DIRECT_ACCESS_TOO_LONG', 'R18.4', 'a direct-access session lasts at most 4 hours', {
      requestedMinutes: Math.round(requestedMs / 60_000),
      maxMinutes: MAX_DIRECT_ACCESS_SESSION_MS / 60_000,
    }),
  ended: (sessionId: string, reason: string, at: string): DomainError =>
    domainError('CUSTOS_R18_4_DIRECT_ACCESS_ENDED', 'R18.4', 'the direct-access session has ended', { sessionId, reason, at }),
};
