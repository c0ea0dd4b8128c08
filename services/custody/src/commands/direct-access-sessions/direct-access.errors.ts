import { DomainError, domainErrorOf, MAX_VIEWING_SESSION_MINUTES } from '@custos/domain';

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
    domainErrorOf('CUSTOS_R18_4_DIRECT_ACCESS_TOO_LONG', {
      requestedMinutes: Math.round(requestedMs / 60_000),
      maxMinutes: MAX_VIEWING_SESSION_MINUTES,
    }),
  ended: (sessionId: string, reason: string, at: string): DomainError =>
    domainErrorOf('CUSTOS_R18_4_DIRECT_ACCESS_ENDED', { sessionId, reason, at }),
};
