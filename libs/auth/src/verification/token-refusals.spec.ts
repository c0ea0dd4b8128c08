import { INestApplication } from '@nestjs/common';
import { base64url, exportSPKI, generateKeyPair, importJWK, KeyLike, SignJWT } from 'jose';
import request from 'supertest';
import { InMemoryAccessDenialRecorder } from '../denials/in-memory-access-denial.recorder';
import type { AuthErrorCode } from '../errors/auth-error.catalogue';
import { principalToClaims } from '../principal/principal.claims';
import { aPrincipal } from '../testing/principal.fixture';
import { startProbeApp } from '../testing/probe.app';
import { startTestIssuer, TestIssuer } from '../testing/test-issuer';

const now = () => Math.floor(Date.now() / 1000);

describe('token verification (R3.1)', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let recorder: InMemoryAccessDenialRecorder;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    ({ app, recorder } = await startProbeApp(issuer.authConfig()));
  });
  afterAll(async () => {
    await app.close();
    await issuer.close();
  });
  beforeEach(() => recorder.clear());

  const standardClaims = (overrides: Record<string, unknown> = {}) => ({
    ...principalToClaims(aPrincipal()),
    iss: issuer.issuer,
    aud: issuer.audience,
    iat: now(),
    exp: now() + 300,
    ...overrides,
  });

  async function expectRefused(token: string | undefined, code: AuthErrorCode, status = 401): Promise<void> {
    const call = request(app.getHttpServer()).get('/me?case=secret').set('x-correlation-id', 'corr-1');
    const response = await (token === undefined ? call : call.set('Authorization', `Bearer ${token}`));
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ statusCode: status, code, message: expect.any(String) });
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(recorder.denials).toEqual([
      expect.objectContaining({ code, status, method: 'GET', path: '/me', correlationId: 'corr-1', rule: 'R3.1' }),
    ]);
    expect(recorder.last()?.subject).toBeUndefined();
  }

  it('lets a valid token reach the handler with the principal of its claims', async () => {
    const principal = aPrincipal({ roles: ['OFFICER', 'APPROVER'] });
    const response = await request(app.getHttpServer())
      .get('/me')
      .set('Authorization', `Bearer ${await issuer.tokenFor(principal)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(principal);
    expect(recorder.denials).toEqual([]);
  });

  it.each(['RS256', 'ES256', 'EdDSA'] as const)('accepts a token signed with %s by the issuer', async (alg) => {
    const token = await issuer.tokenFor(aPrincipal(), {}, { alg });
    await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('lets anyone reach a @Public() route', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
    expect(recorder.denials).toEqual([]);
  });

  it('refuses a request without a token with CUSTOS_AUTH_TOKEN_MISSING', async () => {
    await expectRefused(undefined, 'CUSTOS_AUTH_TOKEN_MISSING');
  });

  it('refuses a token that is not a JWT with CUSTOS_AUTH_TOKEN_MALFORMED', async () => {
    await expectRefused('not.a.jwt', 'CUSTOS_AUTH_TOKEN_MALFORMED');
  });

  it('refuses a token signed by another key under the issuer key id with CUSTOS_AUTH_BAD_SIGNATURE', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expectRefused(await issuer.sign(standardClaims(), { privateKey }), 'CUSTOS_AUTH_BAD_SIGNATURE');
  });

  it('refuses a token whose key id the issuer does not publish with CUSTOS_AUTH_BAD_SIGNATURE', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await issuer.sign(standardClaims(), { alg: 'ES256', privateKey, header: { kid: 'forged' } });
    await expectRefused(token, 'CUSTOS_AUTH_BAD_SIGNATURE');
  });

  it('refuses a token whose payload was altered after signing with CUSTOS_AUTH_BAD_SIGNATURE', async () => {
    const [header, , signature] = (await issuer.sign(standardClaims())).split('.');
    const elevated = base64url.encode(JSON.stringify(standardClaims({ 'custos:roles': ['OVERSIGHT'] })));
    await expectRefused(`${header}.${elevated}.${signature}`, 'CUSTOS_AUTH_BAD_SIGNATURE');
  });

  it('refuses an expired token with CUSTOS_AUTH_TOKEN_EXPIRED', async () => {
    await expectRefused(
      await issuer.sign(standardClaims({ iat: now() - 600, exp: now() - 60 })),
      'CUSTOS_AUTH_TOKEN_EXPIRED',
    );
  });

  it('refuses a token that is not valid yet with CUSTOS_AUTH_TOKEN_NOT_YET_VALID', async () => {
    await expectRefused(await issuer.sign(standardClaims({ nbf: now() + 120 })), 'CUSTOS_AUTH_TOKEN_NOT_YET_VALID');
  });

  it('accepts a token expired or not yet valid by less than the clock tolerance (30 s)', async () => {
    const skewed = await issuer.sign(standardClaims({ nbf: now() + 15, exp: now() - 15 }));
    await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${skewed}`).expect(200);
  });

  it('refuses a token accepted before once it has expired (a verified token is checked for expiry on every use)', async () => {
    const token = await issuer.sign(standardClaims({ exp: now() + 60 }));
    await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      jest.setSystemTime(Date.now() + 91_000);
      await expectRefused(token, 'CUSTOS_AUTH_TOKEN_EXPIRED');
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a token for another audience with CUSTOS_AUTH_WRONG_AUDIENCE', async () => {
    await expectRefused(await issuer.sign(standardClaims({ aud: 'other-api' })), 'CUSTOS_AUTH_WRONG_AUDIENCE');
  });

  it('accepts a token whose audience list includes this service', async () => {
    const token = await issuer.sign(standardClaims({ aud: ['other-api', issuer.audience] }));
    await request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('refuses a token from another issuer with CUSTOS_AUTH_WRONG_ISSUER', async () => {
    await expectRefused(
      await issuer.sign(standardClaims({ iss: 'https://evil.test/realms/custos' })),
      'CUSTOS_AUTH_WRONG_ISSUER',
    );
  });

  it('refuses an unsigned token (alg: none) with CUSTOS_AUTH_ALGORITHM_REFUSED', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(JSON.stringify(standardClaims()));
    await expectRefused(`${header}.${payload}.`, 'CUSTOS_AUTH_ALGORITHM_REFUSED');
  });

  it('refuses HS256 signed with the issuer public key as secret (algorithm confusion)', async () => {
    const publicPem = await exportSPKI((await importJWK(issuer.publicJwk('RS256'), 'RS256')) as KeyLike);
    for (const secret of [publicPem, JSON.stringify(issuer.publicJwk('RS256'))]) {
      recorder.clear();
      const token = await new SignJWT(standardClaims())
        .setProtectedHeader({ alg: 'HS256', kid: issuer.publicJwk('RS256').kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(secret));
      await expectRefused(token, 'CUSTOS_AUTH_ALGORITHM_REFUSED');
    }
  });

  it('refuses an algorithm the issuer supports but the config does not allow', async () => {
    const strict = await startProbeApp(issuer.authConfig({ algorithms: ['ES256'] }));
    try {
      const response = await request(strict.app.getHttpServer())
        .get('/me')
        .set('Authorization', `Bearer ${await issuer.tokenFor(aPrincipal(), {}, { alg: 'RS256' })}`);
      expect(response.body.code).toBe('CUSTOS_AUTH_ALGORITHM_REFUSED');
      expect(strict.recorder.withCode('CUSTOS_AUTH_ALGORITHM_REFUSED')).toHaveLength(1);
    } finally {
      await strict.app.close();
    }
  });

  it('refuses a token without exp with CUSTOS_AUTH_CLAIMS_MISSING', async () => {
    await expectRefused(await issuer.sign(standardClaims({ exp: undefined })), 'CUSTOS_AUTH_CLAIMS_MISSING');
  });

  it.each(['sub', 'custos:person', 'custos:org', 'custos:org_type', 'custos:division', 'custos:roles'])(
    'refuses a token without %s with CUSTOS_AUTH_CLAIMS_MISSING',
    async (claim) => {
      await expectRefused(await issuer.sign(standardClaims({ [claim]: undefined })), 'CUSTOS_AUTH_CLAIMS_MISSING');
    },
  );

  it.each([
    ['custos:roles', ['OFFICER', 'SUPERUSER']],
    ['custos:org_type', 'POLICE'],
    ['custos:division', '999999'],
  ])('refuses a token whose %s is invalid with CUSTOS_AUTH_CLAIMS_INVALID', async (claim, value) => {
    await expectRefused(await issuer.sign(standardClaims({ [claim]: value })), 'CUSTOS_AUTH_CLAIMS_INVALID');
  });

  it('answers 503 CUSTOS_AUTH_KEYS_UNAVAILABLE when the issuer keys cannot be fetched, and records it', async () => {
    const unreachable = await startTestIssuer();
    const config = unreachable.authConfig();
    await unreachable.close();
    const orphan = await startProbeApp(config);
    try {
      const response = await request(orphan.app.getHttpServer())
        .get('/me')
        .set('Authorization', `Bearer ${await issuer.tokenFor(aPrincipal())}`);
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('CUSTOS_AUTH_KEYS_UNAVAILABLE');
      expect(orphan.recorder.withCode('CUSTOS_AUTH_KEYS_UNAVAILABLE')).toHaveLength(1);
    } finally {
      await orphan.app.close();
    }
  });
});
