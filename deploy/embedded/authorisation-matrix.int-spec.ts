import { apiPath } from '@custos/platform';
import { DevTokenIssuer, ROLES, SERVICE_SCOPES, type Principal, type Role } from '@custos/auth';
import { concretePath, doorAnswerOf, expectedAtTheDoor, matrixOperations, type MatrixOperation } from './authorisation-matrix';
import { startEmbeddedServices, type RunningServices } from './embedded-services.test-support';
import { openApiDocuments } from './openapi-documents';
import { EMBEDDED_SERVICES } from './services';

/**
 * The authorisation matrix (issue 16, R3.1 least privilege, R5.1 jurisdiction), generated from
 * the routes: every operation of every service's OpenAPI document × no token and each role,
 * against the real services as `npm start` runs them. The expectation comes from what the
 * document declares (`security: []`, `x-custos-roles`), so a route added without roles, or a
 * guard that disagrees with its document, fails here. Organisation and jurisdiction are decided
 * by the handlers once they know the resource: a representative route of each kind is checked
 * below with real demo people.
 */
describe('the authorisation matrix of every route (R3.1, R5.1)', () => {
  let running: RunningServices;
  let operations: MatrixOperation[];
  let issuer: DevTokenIssuer;

  beforeAll(async () => {
    // The documents as built without starting anything, with the roles each operation declares.
    operations = matrixOperations(await openApiDocuments(process.env, { keepAccessExtensions: true }));
    running = await startEmbeddedServices('authz-matrix', EMBEDDED_SERVICES.map((s) => s.name));
    issuer = running.services.get('registry')!.app.get(DevTokenIssuer, { strict: false });
  }, 180_000);

  afterAll(async () => {
    await running?.close();
  });

  /**
   * A token of a caller with exactly one role, from the development issuer's own key (the
   * demo users mostly hold one role each, but not every role has a user in every organisation).
   */
  async function tokenWithOnly(role: Role): Promise<string> {
    const principal: Principal = {
      subject: `matrix:${role}`,
      personId: `person-matrix-${role.toLowerCase()}`,
      organisationId: 'org-psb-yanta',
      organisationType: 'PUBLIC_SECURITY',
      divisionCode: '610113',
      roles: [role],
      credentialNumber: '61011300101',
      // Scopes are another door (least privilege between services), checked on their own below.
      ...(role === 'SERVICE' ? { scopes: Object.values(SERVICE_SCOPES) } : {}),
    };
    // The issuer signs demo users only; the matrix needs any role, so it uses the signing step itself.
    const config = (issuer as unknown as { config: { audience: string } }).config;
    return (await (issuer as unknown as { sign(p: Principal, aud: string): Promise<{ access_token: string }> }).sign(principal, config.audience)).access_token;
  }

  /** The door's answer to one call: the status and code are read before any body a stream would send. */
  async function knock(operation: MatrixOperation, token: string | undefined): Promise<string> {
    const url = `${running.services.get(operation.service)!.url}${concretePath(apiPath(operation.path))}`;
    const abort = new AbortController();
    const response = await fetch(url, {
      method: operation.method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(operation.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      ...(operation.method === 'GET' ? {} : { body: '{}' }),
      signal: abort.signal,
    });
    const code = response.status === 401 || response.status === 403 ? ((await response.json()) as { code?: string }).code : undefined;
    abort.abort();
    return doorAnswerOf(response.status, code);
  }

  it('documents an audience for every operation of the seven services', () => {
    expect(new Set(operations.map((o) => o.service))).toEqual(new Set(EMBEDDED_SERVICES.map((s) => s.name)));
    expect(operations.length).toBeGreaterThan(100);
  });

  it('answers every route × (no token, each role) as its document declares: 401 without a token, 403 CUSTOS_AUTH_ROLE_REQUIRED for an undeclared role (R3.1)', async () => {
    const tokens = new Map<Role, string>();
    for (const role of ROLES) tokens.set(role, await tokenWithOnly(role));
    const mismatches: string[] = [];
    const callers: (Role | undefined)[] = [undefined, ...ROLES];
    // Seven services, a few at a time: fast, and still far below the per-source rate limit.
    for (let i = 0; i < operations.length; i += 8) {
      await Promise.all(
        operations.slice(i, i + 8).map(async (operation) => {
          for (const role of callers) {
            const expected = expectedAtTheDoor(operation, role);
            const actual = await knock(operation, role && tokens.get(role));
            if (actual !== expected) mismatches.push(`${operation.service} ${operation.method} ${operation.path} as ${role ?? 'anonymous'}: expected ${expected}, got ${actual}`);
          }
        }),
      );
    }
    expect(mismatches).toEqual([]);
  });
});

/**
 * Organisation and jurisdiction, decided once the resource is known (R3.1, R5.1): a representative
 * route of each kind that names an organisation in its path, called by real demo people (their
 * organisation and division from the registry's seed) for their own organisation, another inside
 * their jurisdiction and one outside it. Storage names no organisation in its paths (it lists the
 * caller's own organisation's footage only); its door between services is the scope.
 */
describe('the authorisation matrix: own or other organisation, inside or outside the jurisdiction (R3.1, R5.1)', () => {
  let running: RunningServices;

  beforeAll(async () => {
    running = await startEmbeddedServices('authz-org', ['registry', 'requests', 'approvals', 'storage']);
  }, 180_000);

  afterAll(async () => {
    await running?.close();
  });

  /** [who, what, service, method, path, expected status, expected code]. */
  const cases: [string, string, string, string, string, number, string | undefined][] = [
    ['admin.yanta', 'own organisation', 'registry', 'GET', '/v1/organisations/org-psb-yanta', 200, undefined],
    ['admin.yanta', 'another organisation inside the jurisdiction (610113)', 'registry', 'GET', '/v1/organisations/org-owner-mall', 200, undefined],
    ['admin.yanta', 'another organisation outside the jurisdiction (610100)', 'registry', 'GET', '/v1/organisations/org-psb-xian', 403, 'CUSTOS_AUTH_OUTSIDE_JURISDICTION'],
    ['officer.wu', 'the heads of an organisation above its jurisdiction (610113001 reads 610113)', 'registry', 'GET', '/v1/organisations/org-psb-yanta/heads', 403, 'CUSTOS_AUTH_OUTSIDE_JURISDICTION'],
    ['admin.shaanxi', 'an organisation inside a province-wide jurisdiction', 'registry', 'GET', '/v1/organisations/org-psb-yanta', 200, undefined],
    ['operator.mall', 'own fulfilment queue', 'requests', 'GET', '/v1/owners/org-owner-mall/fulfilment-queue', 200, undefined],
    ['operator.mall', "another owner's fulfilment queue", 'requests', 'GET', '/v1/owners/org-owner-bank/fulfilment-queue', 403, 'CUSTOS_AUTH_WRONG_ORGANISATION'],
    ['head.xian', "another organ's approval key rotated", 'approvals', 'POST', '/v1/organisations/org-psb-yanta/approval-key/rotate', 403, 'CUSTOS_AUTH_WRONG_ORGANISATION'],
    ['service.requests', 'segments without the segments scope (only custody reads footage)', 'storage', 'GET', '/v1/footage/service/segments?cameraIds=cam-1&from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z', 403, 'CUSTOS_AUTH_SCOPE_REQUIRED'],
    ['service.custody', 'segments with the segments scope', 'storage', 'GET', '/v1/footage/service/segments?cameraIds=cam-1&from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z', 200, undefined],
  ];

  it.each(cases)('%s, %s: %s %s %s → %i %s', async (who, _what, service, method, path, status, code) => {
    const response = await fetch(`${running.services.get(service)!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await running.tokenOf(who)}` },
    });
    const body = (await response.json()) as { code?: string };
    expect([response.status, response.status >= 400 ? body.code : undefined]).toEqual([status, code]);
  });
});
