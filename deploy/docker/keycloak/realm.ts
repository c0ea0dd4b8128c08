// The `custos` realm that compose imports into Keycloak (deploy/docker/keycloak/custos-realm.json):
// the demo users of the embedded mode with the claims Custos reads (libs/auth
// principal.claims), one confidential client per service for client credentials, and the
// console's public client (authorisation code with PKCE). Written from the code, so that the
// users and claims cannot drift: `node -r @swc-node/register deploy/docker/keycloak/realm.ts`
// rewrites the file, and deploy/compose.spec.ts fails while it is stale.
// `${NAME}` are Keycloak's import placeholders, filled from the container's environment (the
// compose secrets): no secret is in this file.
import fs from 'node:fs';
import path from 'node:path';
import { CUSTOS_CLAIMS, principalToClaims } from '@custos/auth';
import { SERVICES } from '@custos/contracts';
import { DEMO_USERS } from '../../../services/registry/src/seed/registry-demo.data';

export const REALM_FILE = path.join(__dirname, 'custos-realm.json');
export const CONSOLE_CLIENT_ID = 'custos-console';
export const serviceClientId = (service: string): string => `custos-${service}`;
export const serviceClientSecretVariable = (service: string): string => `CUSTOS_OIDC_SECRET_${service.toUpperCase()}`;

const ACCESS_TOKEN_ONLY = { 'access.token.claim': 'true', 'id.token.claim': 'false', 'userinfo.token.claim': 'false' };
const audience = {
  name: 'audience custos',
  protocol: 'openid-connect',
  protocolMapper: 'oidc-audience-mapper',
  config: { 'included.custom.audience': 'custos', ...ACCESS_TOKEN_ONLY },
};
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
    .filter(([claim]) => claim !== 'sub')
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
        protocolMappers: [audience, ...userClaimMappers],
      },
      // One confidential client per service (client credentials, role SERVICE). The oversight
      // service (being built) gets its client here once its settings exist.
      ...SERVICES.map((service) => ({
        clientId: serviceClientId(service),
        name: `Custos ${service} service`,
        publicClient: false,
        secret: `\${${serviceClientSecretVariable(service)}}`,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: true,
        protocolMappers: [audience, ...hardcodedClaims(serviceClaims(service) as unknown as Record<string, unknown>)],
      })),
    ],
  };
}

export function renderRealm(): string {
  return `${JSON.stringify(custosRealm(), null, 2)}\n`;
}

if (require.main === module) fs.writeFileSync(REALM_FILE, renderRealm());
