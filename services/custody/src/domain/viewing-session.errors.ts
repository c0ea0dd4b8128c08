import { domainError, DomainError } from '@custos/domain';

/** HTTP statuses of the viewing sessions' own codes (R18.1–R18.4). */
export const VIEWING_ERROR_STATUS: Readonly<Record<string, 400 | 403 | 404 | 409>> = {
  CUSTOS_R3_1_VIEWING_SESSION_NOT_FOUND: 404,
  CUSTOS_R3_1_VIEW_REQUEST_NOT_FOUND: 404,
  CUSTOS_R3_1_NOT_THE_SYSTEMS_OWNER: 403,
  CUSTOS_R18_1_VIEW_NOT_CO_SIGNED: 409,
  CUSTOS_R18_3_VIEW_REQUEST_WITHDRAWN: 409,
  CUSTOS_R18_1_NOT_A_CO_SIGNER: 403,
  CUSTOS_R18_1_VIEWER_OF_ANOTHER_ORGAN: 403,
  CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED: 403,
  CUSTOS_R18_1_NOT_A_VIEWER: 403,
  CUSTOS_R18_4_SESSION_TOO_LONG: 400,
  CUSTOS_R18_4_SESSION_CLOSED: 409,
  CUSTOS_R18_4_SESSION_ALREADY_OPEN: 409,
};

/** The longest a viewing session may be opened for (R18.4: time-boxed access). */
export const MAX_VIEWING_SESSION_MS = 4 * 60 * 60_000;

export const viewingErrors = {
  sessionNotFound: (sessionId: string): DomainError =>
    domainError('CUSTOS_R3_1_VIEWING_SESSION_NOT_FOUND', 'R3.1', 'no such viewing session visible to you', {
      sessionId,
    }),
  requestNotFound: (requestId: string): DomainError =>
    domainError('CUSTOS_R3_1_VIEW_REQUEST_NOT_FOUND', 'R3.1', 'custody knows no VIEW request of that id', {
      requestId,
    }),
  notTheOwner: (requestId: string, organisationId: string): DomainError =>
    domainError(
      'CUSTOS_R3_1_NOT_THE_SYSTEMS_OWNER',
      'R3.1',
      "the request names none of the caller's organisation's systems",
      {
        requestId,
        organisationId,
      },
    ),
  notCoSigned: (requestId: string, status: string): DomainError =>
    domainError(
      'CUSTOS_R18_1_VIEW_NOT_CO_SIGNED',
      'R18.1',
      'a viewing session needs a VIEW request co-signed by a second officer',
      {
        requestId,
        status,
      },
    ),
  /** The requests service withdrew it: it is no longer a registered request (R18.3), as there. */
  requestWithdrawn: (requestId: string): DomainError =>
    domainError(
      'CUSTOS_R18_3_VIEW_REQUEST_WITHDRAWN',
      'R18.3',
      'the VIEW request has been withdrawn: nothing can be viewed under it',
      {
        requestId,
      },
    ),
  notACoSigner: (sessionId: string, personId: string): DomainError =>
    domainError(
      'CUSTOS_R18_1_NOT_A_CO_SIGNER',
      'R18.1',
      'only the two officers who signed the request may join its viewing session',
      {
        sessionId,
        personId,
      },
    ),
  /** Policy `onlySigners` off: a non-signer may join, but only as an officer of the requesting organ. */
  notOfTheRequestingOrgan: (sessionId: string, personId: string, officerOrganisationId: string, requestingOrganisationId: string): DomainError =>
    domainError('CUSTOS_R18_1_VIEWER_OF_ANOTHER_ORGAN', 'R18.1', "only officers of the requesting organ may join its viewing session", {
      sessionId,
      personId,
      officerOrganisationId,
      requestingOrganisationId,
    }),
  bothOfficersRequired: (sessionId: string, joined: readonly string[]): DomainError =>
    domainError(
      'CUSTOS_R18_1_BOTH_OFFICERS_REQUIRED',
      'R18.1',
      'footage plays only once both officers have joined the session',
      {
        sessionId,
        joined,
      },
    ),
  notAViewer: (sessionId: string, personId: string): DomainError =>
    domainError(
      'CUSTOS_R18_1_NOT_A_VIEWER',
      'R18.1',
      'only the two officers who joined the session may play its footage',
      { sessionId, personId },
    ),
  tooLong: (requestedMs: number): DomainError =>
    domainError('CUSTOS_R18_4_SESSION_TOO_LONG', 'R18.4', 'a viewing session lasts at most 4 hours', {
      requestedMinutes: Math.round(requestedMs / 60_000),
      maxMinutes: MAX_VIEWING_SESSION_MS / 60_000,
    }),
  closed: (sessionId: string, reason: string, at: string): DomainError =>
    domainError('CUSTOS_R18_4_SESSION_CLOSED', 'R18.4', 'the viewing session has ended', { sessionId, reason, at }),
  alreadyOpen: (requestId: string, sessionId: string): DomainError =>
    domainError(
      'CUSTOS_R18_4_SESSION_ALREADY_OPEN',
      'R18.4',
      "a viewing session of this request for the caller's systems is already open",
      {
        requestId,
        sessionId,
      },
    ),
};
