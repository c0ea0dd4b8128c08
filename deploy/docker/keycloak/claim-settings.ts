import { CUSTOS_CLAIMS } from '@custos/auth';

/**
 * The claim mapping the services read the `custos` realm's tokens with: its mappers emit
 * Custos's own claim names (deploy/docker/keycloak/realm.ts), so the deployments name them
 * explicitly rather than rely on the defaults.
 */
export const REALM_CLAIM_SETTINGS: Readonly<Record<string, string>> = {
  CUSTOS_AUTH_ROLES_CLAIM: CUSTOS_CLAIMS.roles,
  CUSTOS_AUTH_ORGANISATION_CLAIM: CUSTOS_CLAIMS.organisation,
  CUSTOS_AUTH_ORGANISATION_TYPE_CLAIM: CUSTOS_CLAIMS.organisationType,
  CUSTOS_AUTH_DIVISION_CLAIM: CUSTOS_CLAIMS.division,
  CUSTOS_AUTH_PERSON_CLAIM: CUSTOS_CLAIMS.person,
  CUSTOS_AUTH_CREDENTIAL_CLAIM: CUSTOS_CLAIMS.credential,
};
