import { DomainError, domainErrorOf } from '@custos/domain';

/**
 * The request lifecycle's refusals with the facts they rest on. Every code, with its rule,
 * status and reason, is defined once in the domain's `ERROR_CATALOGUE` (R26.1).
 */
export const requestsErrors = {
  unknownOrganisation: (organisationId: string): DomainError => domainErrorOf('CUSTOS_R17_1_UNKNOWN_ORGANISATION', { organisationId }),
  unknownOfficer: (personId: string, message?: string): DomainError => domainErrorOf('CUSTOS_R18_2_UNKNOWN_OFFICER', { personId }, message),
  officerOfAnotherOrgan: (personId: string, officerOrganisationId: string, actingFor: string): DomainError =>
    domainErrorOf('CUSTOS_R18_2_NOT_AN_OFFICER_OF_ORGAN', { personId, officerOrganisationId, actingFor }),
  unknownCameras: (cameraIds: string[]): DomainError => domainErrorOf('CUSTOS_R16_5_UNKNOWN_CAMERA', { cameraIds }),
  notAwaitingCoSignature: (requestId: string, status: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_NOT_AWAITING_CO_SIGNATURE', { requestId, status }),
  coSignatureExpired: (requestId: string, deadline: string): DomainError =>
    domainErrorOf('CUSTOS_R18_1_CO_SIGNATURE_EXPIRED', { requestId, coSignDeadline: deadline }),
  notASigner: (requestId: string, personId: string): DomainError => domainErrorOf('CUSTOS_R18_1_NOT_A_SIGNER', { requestId, personId }),
  requestClosed: (requestId: string, status: string): DomainError => domainErrorOf('CUSTOS_R18_3_REQUEST_CLOSED', { requestId, status }),
  notAnOwner: (requestId: string, organisationId: string): DomainError =>
    domainErrorOf('CUSTOS_R17_5_NOT_AN_OWNER', { requestId, organisationId }),
};
