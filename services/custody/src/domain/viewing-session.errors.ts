import { DomainError, domainErrorOf, MAX_VIEWING_SESSION_MINUTES } from '@custos/domain';

export const viewingErrors = {
  sessionNotFound: (sessionId: string): DomainError =>
    domainErrorOf('CUSTOS_R3_1_VIEWING_SESSION_NOT_FOUND', {
      sessionId,
    }),
  requestNotFound: (requestId: string): DomainError =>
    domainErrorOf('CUSTOS_R3_1_VIEW_REQUEST_NOT_FOUND', {
      requestId,
    }),
  notTheOwner: (requestId: string, organisationId: string): DomainError =>
    domainErrorOf('CUSTOS_R3_1_NOT_THE_SYSTEMS_OWNER', {
      requestId,
      organisationId,
    }),
  notCoSigned: (requestId: string, status: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_VIEW_NOT_CO_SIGNED', {
      requestId,
      status,
    }),
  /** The requests service withdrew it: it is no longer a registered request (R18.3), as there. */
  requestWithdrawn: (requestId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_3_VIEW_REQUEST_WITHDRAWN', {
      requestId,
    }),
  notACoSigner: (sessionId: string, personId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_NOT_A_CO_SIGNER', {
      sessionId,
      personId,
    }),
  /** Policy `onlySigners` off: a non-signer may join, but only as an officer of the requesting organ. */
  notOfTheRequestingOrgan: (sessionId: string, personId: string, officerOrganisationId: string, requestingOrganisationId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_VIEWER_OF_ANOTHER_ORGAN', {
      sessionId,
      personId,
      officerOrganisationId,
      requestingOrganisationId,
    }),
  bothOfficersRequired: (sessionId: string, joined: readonly string[], minimum?: number): DomainError =>
    domainErrorOf('CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED', {
      sessionId,
      joined,
      ...(minimum === undefined ? {} : { minimum }),
    }),
  notAViewer: (sessionId: string, personId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_NOT_A_VIEWER', { sessionId, personId }),
  tooLong: (requestedMs: number): DomainError =>
    domainErrorOf('CUSTOS_R18_4_SESSION_TOO_LONG', {
      requestedMinutes: Math.round(requestedMs / 60_000),
      maxMinutes: MAX_VIEWING_SESSION_MINUTES,
    }),
  closed: (sessionId: string, reason: string, at: string): DomainError =>
    domainErrorOf('CUSTOS_R18_4_SESSION_CLOSED', { sessionId, reason, at }),
  alreadyOpen: (requestId: string, sessionId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_4_SESSION_ALREADY_OPEN', {
      requestId,
      sessionId,
    }),
};
