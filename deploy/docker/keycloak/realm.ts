// The `custos` realm that compose imports into Keycloak (deploy/docker/keycloak/custos-realm.json):
// the demo users of the embedded mode with the claims Custos reads (libs/auth
// principal.claims), one confidential client per service for client credentials, and the
// console's public client (authorisation code with PKCE). A service client's tokens name, as
// audiences, only the services it calls (`urn:custos:<service>`, CUSTOS_AUTH_SERVICE_AUDIENCE):
// Keycloak ignores the `audience` a client-credentials request asks for, so the mappers decide.
// Only custody's client may ask for the footage scopes (optional client scopes). Written from the code, so that the
// users and claims cannot drift: `node -r @swc-node/register deploy/docker/keycloak/realm.ts`
// rewrites the file, and deploy/compose.spec.ts fails while it is stale.
// `${NAME}` are Keycloak's import placeholders, filled from the container's environment (the
// compose secrets): no secret is in this file.
import fs from 'node:fs';
import path from 'node:path';
import { CUSTOS_CLAIMS, principalToClaims, SERVICE_SCOPES } from '@custos/auth';
import { SERVICES } from '@custos/contracts';
import { SERVICE_WORKLOADS } from '../../k8s/base';
export { REALM_CLAIM_SETTINGS } from './claim-settings';
import { DEMO_USERS } from '../../../services/registry/src/seed/registry-demo.data';

export const REALM_FILE = path.join(__dirname, 'custos-realm.json');
export const CONSOLE_CLIENT_ID = 'custos-console';
export const serviceClientId = (service: string): string => `custos-${service}`;
export const serviceClientSecretVariable = (service: string): string => `CUSTOS_OIDC_SECRET_${service.toUpperCase()}`;

/** The users' audience (CUSTOS_AUTH_AUDIENCE). */
export const USER_AUDIENCE = 'custos';
/** A service's own audience, as CUSTOS_AUTH_SERVICE_AUDIENCE's default names it. */
export const serviceAudience = (service: string): string => `urn:custos:${service}`;
/** The footage scopes, custody's client's alone (R3.1 least privilege between services). */
export const FOOTAGE_SCOPES: readonly string[] = [SERVICE_SCOPES.segmentsRead, SERVICE_SCOPES.exportsRead];
const FOOTAGE_CLIENTS = new Set(['custody']);
/** The services a service calls (its *_URL settings, the same table as the NetworkPolicies). */
export const callsOf = (service: string): readonly string[] => SERVICE_WORKLOADS.find((w) => w.name === service)?.calls ?? [];

const ACCESS_TOKEN_ONLY = { 'access.token.claim': 'true', 'id.token.claim': 'false', 'userinfo.token.claim': 'false' };
const audienceMapper = (audience: string) => ({
  name: `audience ${audience}`,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: { 'included.custom.audience': audience, ...ACCESS_TOKEN_ONLY },
});
// Naming `clientScopes` replaces Keycloak's built-in ones, so `basic` (the `sub` claim) is declared too.
const CLIENT_SCOPES = [
  {
    name: 'basic',
    protocol: 'openid-connect',
    attributes: { 'include.in.token.scope': 'false', 'display.on.consent.screen': 'false' },
    protocolMappers: [
      { name: 'sub', protocol: 'openid-connect', protocolMapper: 'oidc-sub-mapper', config: { 'access.token.claim': 'true', 'introspection.token.claim': 'true' } },
    ],
  },
  ...FOOTAGE_SCOPES.map((name) => ({
    name,
    protocol: 'openid-connect',
    attributes: { 'include.in.token.scope': 'true', 'display.on.consent.screen': 'false' },
  })),
];
// One user attribute per claim; roles too, so that Keycloak's own roles (offline_access, …)
// never reach custos:roles, which refuses a role Custos does not know.
const CLAIM_ATTRIBUTES: readonly [claim: string, attribute: string, multivalued: boolean][] = [
  [CUSTOS_CLAIMS.person, 'custos_person', false],
  [CUSTOS_CLAIMS.organisation, 'custos_org', false],
  [CUSTOS_CLAIMS.organisationType, 'custos_org_type', false],
  [CUSTOS_CLAIMS.division, 'custos_division', false],
  [CUSTOS_CLAIMS.roles, 'custos_roles', true],
  [CUSTOS_CLAIMS.credential, 'custos_credential', false],
];
const userClaimMappers = CLAIM_ATTRIBUTES.map(([claim, attribute, multivalued]) => ({
  name: claim,
  protocol: 'openid-connect',
  protocolMapper: 'oidc-usermodel-attribute-mapper',
  config: { 'user.attribute': attribute, 'claim.name': claim, 'jsonType.label': 'String', multivalued: String(multivalued), ...ACCESS_TOKEN_ONLY },
}));

function hardcodedClaims(claims: Record<string, unknown>) {
  return Object.entries(claims)
    // `scope` is Keycloak's own claim: the footage scopes are client scopes (CLIENT_SCOPES).
    .filter(([claim]) => claim !== 'sub' && claim !== 'scope')
    .map(([claim, value]) => ({
      name: claim,
      protocol: 'openid-connect',
      protocolMapper: 'oidc-hardcoded-claim-mapper',
      config: {
        'claim.name': claim,
        'claim.value': typeof value === 'string' ? value : JSON.stringify(value),
        'jsonType.label': typeof value === 'string' ? 'String' : 'JSON',
        ...ACCESS_TOKEN_ONLY,
      },
    }));
}

const people = DEMO_USERS.filter((u) => !u.principal.roles.includes('SERVICE'));
const serviceUsers = DEMO_USERS.filter((u) => u.principal.roles.includes('SERVICE'));

/** The claims a service signs in with: its demo user's where the registry seeds one, else the same shape. */
function serviceClaims(service: string) {
  const seeded = serviceUsers.find((u) => u.username === `service.${service}`) ?? serviceUsers[0];
  return principalToClaims({ ...seeded.principal, subject: `service:${service}`, personId: `service-${service}`, roles: ['SERVICE'] });
}

export function custosRealm(): object {
  return {
    realm: 'custos',
    enabled: true,
    sslRequired: 'external',
    accessTokenLifespan: 300,
    bruteForceProtected: true,
    clientScopes: CLIENT_SCOPES,
    defaultDefaultClientScopes: ['basic'],
    defaultOptionalClientScopes: [],
    // Keycloak keeps only attributes its user profile declares; Custos' claims are admin-edited.
    components: {
      'org.keycloak.userprofile.UserProfileProvider': [
        {
          providerId: 'declarative-user-profile',
          subComponents: {},
          config: {
            'kc.user.profile.config': [
              JSON.stringify({
                attributes: [
                  { name: 'username', permissions: { view: ['admin', 'user'], edit: ['admin'] } },
                  { name: 'email', permissions: { view: ['admin', 'user'], edit: ['admin'] } },
                ],
                unmanagedAttributePolicy: 'ADMIN_EDIT',
              }),
            ],
          },
        },
      ],
    },
    users: people.map((u) => {
      const claims = principalToClaims({ ...u.principal, subject: u.username }) as unknown as Record<string, unknown>;
      return {
        username: u.username,
        enabled: true,
        credentials: [{ type: 'password', value: '${CUSTOS_DEMO_PASSWORD}', temporary: false }],
        attributes: Object.fromEntries(
          CLAIM_ATTRIBUTES.filter(([claim]) => claims[claim] !== undefined).map(([claim, attribute]) => [
            attribute,
            ([] as unknown[]).concat(claims[claim]).map(String),
          ]),
        ),
      };
    }),
    clients: [
      {
        clientId: CONSOLE_CLIENT_ID,
        name: 'Custos console',
        publicClient: true,
        standardFlowEnabled: true,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: false,
        redirectUris: ['https://${CUSTOS_HOST}/*'],
        webOrigins: ['https://${CUSTOS_HOST}'],
        attributes: { 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': 'https://${CUSTOS_HOST}/*' },
        defaultClientScopes: ['basic'],
        protocolMappers: [audienceMapper(USER_AUDIENCE), ...userClaimMappers],
      },
      // One confidential client per service (client credentials, role SERVICE). Those that call
      // no service (registry, ledger, oversight) have one as well, unused until they do.
      ...SERVICES.map((service) => ({
        clientId: serviceClientId(service),
        name: `Custos ${service} service`,
        publicClient: false,
        secret: `\${${serviceClientSecretVariable(service)}}`,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: true,
        defaultClientScopes: ['basic'],
        optionalClientScopes: FOOTAGE_CLIENTS.has(service) ? FOOTAGE_SCOPES : [],
        protocolMappers: [
          ...callsOf(service).map((target) => audienceMapper(serviceAudience(target))),
          ...hardcodedClaims(serviceClaims(service) as unknown as Record<string, unknown>),
        ],
      })),
    ],
  };
}

export function renderRealm(): string {
  return `${JSON.stringify(custosRealm(), null, 2)}\n`;
}

if (require.main === module) fs.writeFileSync(REALM_FILE, renderRealm());
