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
