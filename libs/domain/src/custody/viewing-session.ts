import { domainErrorOf } from '../errors';
import { DomainError, err, ok, Result } from '../result';
import { viewingLimitFacts, withinViewingLimit } from './viewing-limit';

/**
 * A VIEW request as custody learnt it from the requests service's events: who asks, which
 * two officers signed it (R18.1, R18.2), for what purpose, which cameras and window, whose
 * systems. Only a CO_SIGNED one can be viewed.
 */
export interface ViewRequest {
  readonly requestId: string;
  readonly status: 'FILED' | 'CO_SIGNED' | 'WITHDRAWN' | 'EXPIRED';
  readonly requestingOrganisationId: string;
  readonly requestingDivisionCode: string;
  readonly caseReference: string;
  readonly purpose: string;
  readonly imageSystemIds: readonly string[];
  readonly cameraIds: readonly string[];
  readonly ownerOrganisationIds: readonly string[];
  readonly windowFrom: string;
  readonly windowTo: string;
  readonly filer: { readonly personId: string; readonly credentialNumber: string };
  readonly coSigner?: { readonly personId: string; readonly credentialNumber: string };
}

/** The refusals of a viewing session, each citing its rule (R3.1, R18.1, R18.3, R18.4). */
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
    domainErrorOf('CUSTOS_R18_4_SESSION_TOO_LONG', viewingLimitFacts(requestedMs)),
  closed: (sessionId: string, reason: string, at: string): DomainError =>
    domainErrorOf('CUSTOS_R18_4_SESSION_CLOSED', { sessionId, reason, at }),
  alreadyOpen: (requestId: string, sessionId: string): DomainError =>
    domainErrorOf('CUSTOS_R18_4_SESSION_ALREADY_OPEN', {
      requestId,
      sessionId,
    }),
};

/** What a session's rules read of its state: whether and why it closed, when it expires. */
export interface ViewingSessionState {
  readonly sessionId: string;
  readonly expiresAt: string;
  readonly closed?: { readonly reason: string; readonly at: string };
}

/**
 * May the owner's operator open a viewing of `request` for `durationMs` (R3.1, R18.1, R18.3,
 * R18.4)? Only an organisation owning systems the request names, only a co-signed request
 * still registered, and for no longer than `MAX_VIEWING_SESSION_MS`. Its co-signer when it may.
 */
export function mayOpenViewing(request: ViewRequest, openerOrganisationId: string, durationMs: number): Result<NonNullable<ViewRequest['coSigner']>> {
  if (!request.ownerOrganisationIds.includes(openerOrganisationId)) {
    return err(viewingErrors.notTheOwner(request.requestId, openerOrganisationId));
  }
  if (request.status === 'WITHDRAWN') return err(viewingErrors.requestWithdrawn(request.requestId));
  if (request.status !== 'CO_SIGNED' || request.coSigner === undefined) return err(viewingErrors.notCoSigned(request.requestId, request.status));
  if (!withinViewingLimit(durationMs)) return err(viewingErrors.tooLong(durationMs));
  return ok(request.coSigner);
}

/** Is the session open at `now` (R18.4): not closed, and its time not run out (even before the sweep records it)? */
export function viewingOpenAt(session: ViewingSessionState, now: Date): Result<void> {
  if (session.closed) return err(viewingErrors.closed(session.sessionId, session.closed.reason, session.closed.at));
  if (now.getTime() >= new Date(session.expiresAt).getTime()) return err(viewingErrors.closed(session.sessionId, 'EXPIRED', session.expiresAt));
  return ok();
}

/**
 * May this officer join (R18.1)? One the policy admits (`mayJoin`: under `onlySigners` the two
 * signers), and a non-signer only as an officer of the requesting organ.
 */
export function mayJoinViewing(
  session: { readonly sessionId: string; readonly requestingOrganisationId: string },
  officer: { readonly personId: string; readonly organisationId: string },
  admitted: { readonly mayJoin: boolean; readonly isCoSigner: boolean },
): Result<void> {
  if (!admitted.mayJoin) return err(viewingErrors.notACoSigner(session.sessionId, officer.personId));
  if (!admitted.isCoSigner && officer.organisationId !== session.requestingOrganisationId) {
    return err(viewingErrors.notOfTheRequestingOrgan(session.sessionId, officer.personId, officer.organisationId, session.requestingOrganisationId));
  }
  return ok();
}

/** May `personId` play footage (R18.1)? At least `minimumOfficers` (two or more) joined, and they one of them. */
export function mayPlayViewing<O>(sessionId: string, joined: ReadonlyMap<string, O>, minimumOfficers: number, personId: string): Result<O> {
  if (joined.size < minimumOfficers) return err(viewingErrors.bothOfficersRequired(sessionId, [...joined.keys()], minimumOfficers));
  const viewer = joined.get(personId);
  if (viewer === undefined) return err(viewingErrors.notAViewer(sessionId, personId));
  return ok(viewer);
}
