import { spawn } from 'node:child_process';
import path from 'node:path';
import { ServerHandle } from './server-handle';
import { waitFor, watchChild } from './scratch';

/**
 * The test OpenID provider's setup: people, the console (a public client: authorization code +
 * PKCE) and one confidential client per calling service (client credentials), each with its own
 * audience (a resource indicator) and scopes. Claims use the provider's own names, Keycloak's
 * `realm_access.roles` among them, so the services reach it by claim mapping alone
 * (`TEST_OIDC_CLAIM_SETTINGS`). Accounts match the registry's demo data.
 */
export const TEST_OIDC = {
  consoleClientId: 'custos-console',
  /** The users' API audience: what the console's tokens name. */
  apiResource: 'urn:custos:api',
  /** Every service client's token carries it, on whatever audience. */
  serviceScope: 'custos:service',
  password: 'custos-demo-password',
  accessTokenTtlSec: 300,
} as const;

/** The audience (resource indicator) of a service: what callers ask a token for. */
export const testServiceAudience = (service: string): string => `urn:custos:${service}`;

/** The audience of the bus's OAUTHBEARER tokens (the default of KAFKA_SASL_OAUTHBEARER_AUDIENCE). */
export const TEST_KAFKA_AUDIENCE = 'urn:custos:kafka';

export const TEST_OIDC_SERVICES = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger'] as const;

/** The client id and secret of a service at the test provider. */
export const testServiceClient = (service: string) => ({ clientId: `custos-${service}`, clientSecret: `${service}-client-secret-for-tests-only` });

const person = (id: string, name: string, org: string, orgType: string, division: string, roles: string[], credential?: string) => ({
  id,
  name,
  password: TEST_OIDC.password,
  claims: {
    person_id: `person-${id.replace('.', '-')}`,
    organisation: org,
    organisation_type: orgType,
    division,
    // Keycloak's realm roles hold the provider's own roles beside Custos's.
    realm_access: { roles: ['offline_access', 'default-roles-custos', ...roles] },
    ...(credential ? { credential } : {}),
  },
});

export const TEST_OIDC_ACCOUNTS = [
  person('officer.li', 'Li (officer)', 'org-psb-yanta', 'PUBLIC_SECURITY', '610113', ['OFFICER'], '61011300101'),
  person('operator.metro', 'Metro operator', 'org-owner-metro', 'OWNER', '610100', ['OWNER_OPERATOR']),
  person('admin.shaanxi', 'Shaanxi registry admin', 'org-psb-shaanxi', 'PUBLIC_SECURITY', '610000', ['REGISTRY_ADMIN']),
  person('oversight.shaanxi', 'Shaanxi oversight', 'org-oversight-shaanxi', 'OVERSIGHT', '610000', ['OVERSIGHT']),
  // The rest of a request's life (deploy/cluster.e2e-spec.ts): the co-signing officer, the head, the owner.
  person('officer.zhang', 'Zhang (officer)', 'org-psb-yanta', 'PUBLIC_SECURITY', '610113', ['OFFICER'], '61011300102'),
  person('head.yanta', 'Yanta head', 'org-psb-yanta', 'PUBLIC_SECURITY', '610113', ['APPROVER']),
  person('operator.mall', 'Mall operator', 'org-owner-mall', 'OWNER', '610113', ['OWNER_OPERATOR']),
  // The platform operator, who registers the services' event keys (deploy/cluster.e2e-spec.ts).
  person('ops.shaanxi', 'Shaanxi platform operator', 'org-psb-shaanxi', 'PUBLIC_SECURITY', '610000', ['OPERATOR']),
  // Signs in, but the provider gives them no Custos role: the services must refuse them.
  person('nobody.roles', 'No roles', 'org-psb-yanta', 'PUBLIC_SECURITY', '610113', []),
];

/** What the services are configured with to read the test provider's claims. */
export const TEST_OIDC_CLAIM_SETTINGS = {
  CUSTOS_AUTH_ROLES_CLAIM: 'realm_access.roles',
  CUSTOS_AUTH_PERSON_CLAIM: 'person_id',
  CUSTOS_AUTH_ORGANISATION_CLAIM: 'organisation',
  CUSTOS_AUTH_ORGANISATION_TYPE_CLAIM: 'organisation_type',
  CUSTOS_AUTH_DIVISION_CLAIM: 'division',
  CUSTOS_AUTH_CREDENTIAL_CLAIM: 'credential',
} as const;

function providerConfig(port: number) {
  const resources = Object.fromEntries([
    [TEST_OIDC.apiResource, { scope: 'custos:api' }],
    ...TEST_OIDC_SERVICES.map((s) => [testServiceAudience(s), { scope: `${TEST_OIDC.serviceScope} custos:segments.read custos:exports.read` }]),
    // A short-lived audience, for the tests of a token source's renewal.
    ['urn:custos:short-lived', { scope: TEST_OIDC.serviceScope, accessTokenTtlSec: 4 }],
    // The bus's audience (KAFKA_SASL_OAUTHBEARER_AUDIENCE): OAUTHBEARER tokens of the services' clients.
    [TEST_KAFKA_AUDIENCE, { scope: TEST_OIDC.serviceScope }],
  ]);
  const serviceClients = TEST_OIDC_SERVICES.map((service) => {
    // Least privilege between services: only custody reads footage (segments and export packages).
    const footage = service === 'custody' ? ['custos:segments.read', 'custos:exports.read'] : [];
    return {
      ...testServiceClient(service),
      scopes: [TEST_OIDC.serviceScope, ...footage],
      resourceScopes: { [testServiceAudience('storage')]: footage },
      claims: {
        person_id: `service-${service}`,
        organisation: 'org-psb-shaanxi',
        organisation_type: 'PUBLIC_SECURITY',
        division: '610000',
        realm_access: { roles: ['SERVICE'] },
      },
    };
  });
  return {
    port,
    consoleClientId: TEST_OIDC.consoleClientId,
    consoleRedirectUris: ['http://127.0.0.1/callback', 'http://127.0.0.1/'],
    apiResource: TEST_OIDC.apiResource,
    serviceScope: TEST_OIDC.serviceScope,
    accessTokenTtlSec: TEST_OIDC.accessTokenTtlSec,
    resources,
    accounts: TEST_OIDC_ACCOUNTS,
    serviceClients,
  };
}

export interface StartedOidcProvider extends ServerHandle {
  readonly issuer: string;
}

/** Starts the provider as a local Node process (ESM) and waits for its issuer URL. */
export async function startOidcProvider(port = 0): Promise<StartedOidcProvider> {
  const child = spawn(process.execPath, ['--no-warnings', path.join(__dirname, 'oidc-provider.process.mjs')], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', CUSTOS_OIDC_CONFIG: JSON.stringify(providerConfig(port)) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const watched = watchChild(child);
  const issuer = await waitFor(
    'the OpenID provider',
    () => {
      if (watched.exited()) throw new Error(`the OpenID provider exited: ${watched.stderr().slice(0, 2000)}`);
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      return line ? (JSON.parse(line) as { issuer: string }).issuer : undefined;
    },
    20000,
  );
  return {
    name: 'oidc',
    issuer,
    pids: watched.pids,
    stop: () => watched.stop(),
  };
}
