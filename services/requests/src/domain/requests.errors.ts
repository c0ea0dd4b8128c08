import { domainError, DomainError } from '@custos/domain';

/**
 * Refusals of the request lifecycle that the domain catalogue does not name (they depend on
 * the request's state or on the registry's answer). Like the catalogue's, each code starts
 * with the rule it cites and carries a reason (R26.1). Status: 400 malformed, 403 forbidden,
 * 409 conflicting with the request's state.
 */
export const REQUESTS_ERROR_STATUS: Readonly<Record<string, 400 | 403 | 409>> = {
  CUSTOS_R17_1_UNKNOWN_ORGANISATION: 403,
  CUSTOS_R18_2_UNKNOWN_OFFICER: 403,
  CUSTOS_R2_1_UNKNOWN_CAMERA: 400,
  CUSTOS_R18_1_NOT_AWAITING_CO_SIGNATURE: 409,
  CUSTOS_R18_1_CO_SIGNATURE_EXPIRED: 409,
  CUSTOS_R18_1_NOT_A_SIGNER: 403,
  CUSTOS_R18_3_REQUEST_CLOSED: 409,
  CUSTOS_R17_5_NOT_AN_OWNER: 403,
};

export const requestsErrors = {
  unknownOrganisation: (organisationId: string): DomainError =>
    domainError('CUSTOS_R17_1_UNKNOWN_ORGANISATION', 'R17.1', 'the requesting organisation is not in the registry', { organisationId }),
  unknownOfficer: (personId: string): DomainError =>
    domainError('CUSTOS_R18_2_UNKNOWN_OFFICER', 'R18.2', 'the caller is not a registered law-enforcement officer', { personId }),
  officerOfAnotherOrgan: (personId: string, officerOrganisationId: string, actingFor: string): DomainError =>
    domainError('CUSTOS_R18_1_DIFFERENT_ORGAN', 'R18.1', 'the officer does not belong to the organ the caller acts for', {
      personId,
      officerOrganisationId,
      actingFor,
    }),
  unknownCameras: (cameraIds: string[]): DomainError =>
    domainError('CUSTOS_R2_1_UNKNOWN_CAMERA', 'R2.1', 'no such camera in the registry of image systems', { cameraIds }),
  notAwaitingCoSignature: (requestId: string, status: string): DomainError =>
    domainError('CUSTOS_R18_1_NOT_AWAITING_CO_SIGNATURE', 'R18.1', 'the request is not waiting for a second officer', { requestId, status }),
  coSignatureExpired: (requestId: string, deadline: string): DomainError =>
    domainError('CUSTOS_R18_1_CO_SIGNATURE_EXPIRED', 'R18.1', 'the time for a second officer to co-sign has passed', {
      requestId,
      coSignDeadline: deadline,
    }),
  notASigner: (requestId: string, personId: string): DomainError =>
    domainError('CUSTOS_R18_1_NOT_A_SIGNER', 'R18.1', 'only an officer who signed the request may withdraw it', { requestId, personId }),
  requestClosed: (requestId: string, status: string): DomainError =>
    domainError('CUSTOS_R18_3_REQUEST_CLOSED', 'R18.3', 'the request is already closed', { requestId, status }),
  notAnOwner: (requestId: string, organisationId: string): DomainError =>
    domainError('CUSTOS_R17_5_NOT_AN_OWNER', 'R17.5', "the caller's organisation owns none of the systems this request targets", {
      requestId,
      organisationId,
    }),
};
