import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { AuthModule } from '../auth.module';
import { InMemoryAccessDenialRecorder } from '../denials/in-memory-access-denial.recorder';
import { aPrincipal } from '../testing/principal.fixture';
import { startProbeApp } from '../testing/probe.app';
import { DevIssuerConfig, DevIssuerDisabledError, resolveDevIssuerConfig } from './dev-issuer.config';
import { DevIssuerModule } from './dev-issuer.module';
import { generateDevSigningKey } from './dev-signing-key';
import { DevTokenIssuer } from './dev-token.issuer';
import type { DevPerson, DevUserDirectory } from './dev-user.directory';

const ISSUER = 'http://127.0.0.1:7400';
const { subject: _, ...officer } = aPrincipal();
const config: DevIssuerConfig = {
  enabled: true,
  issuer: ISSUER,
  audience: 'custos-api',
  users: [
    { username: 'wang.officer', principal: officer },
    { username: 'li.head', principal: { ...officer, personId: 'person-head-li', roles: ['APPROVER'] } },
    {
      username: 'service.custody',
      principal: { ...officer, credentialNumber: undefined, personId: 'service-custody', roles: ['SERVICE'], scopes: ['custos:segments.read'] },
    },
    { username: 'service.storage', principal: { ...officer, credentialNumber: undefined, personId: 'service-storage', roles: ['SERVICE'] } },
  ],
};

async function startDevIssuer(
  devConfig: DevIssuerConfig = config,
  directory?: DevUserDirectory,
): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({
    imports: [DevIssuerModule.forRoot(devConfig, directory)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('DevIssuerModule (embedded mode)', () => {
  it('refuses to start unless the JWKS URL the services read is on loopback (issue 16)', () => {
    for (const jwksUrl of ['https://custos.example/.well-known/jwks.json', 'http://10.0.0.5:3001/.well-known/jwks.json', 'not a url']) {
      expect(() => DevIssuerModule.forRoot({ ...config, jwksUrl })).toThrow(/CUSTOS_AUTH_DEV_ISSUER_CONFIG_INVALID.*loopback/);
    }
    expect(() => DevIssuerModule.forRoot({ ...config, issuer: 'http://registry:3001' })).toThrow(/loopback/);
    expect(() => DevIssuerModule.forRoot({ ...config, jwksUrl: 'http://localhost:3001/.well-known/jwks.json' })).not.toThrow();
  });

  it('refuses to build unless enabled is true', () => {
    expect(() => DevIssuerModule.forRoot({ ...config, enabled: false })).toThrow(DevIssuerDisabledError);
    expect(() => DevIssuerModule.forRoot({ ...config, enabled: 'true' as unknown as boolean })).toThrow(
      /CUSTOS_AUTH_DEV_ISSUER_DISABLED/,
    );
  });

  it('refuses to sign even when its service is wired by hand without enabled: true', async () => {
    const key = await generateDevSigningKey('EdDSA');
    const disabled = { ...resolveDevIssuerConfig(config), enabled: false } as unknown as ReturnType<
      typeof resolveDevIssuerConfig
    >;
    expect(() => new DevTokenIssuer(disabled, key)).toThrow(DevIssuerDisabledError);
  });

  it('refuses a seeded user whose claims the verifier would refuse', () => {
    const bad = { ...config, users: [{ username: 'x', principal: { ...officer, divisionCode: '123' } }] };
    expect(() => DevIssuerModule.forRoot(bad)).toThrow(/CUSTOS_AUTH_DEV_ISSUER_CONFIG_INVALID.*custos:division/);
  });

  describe('when serving', () => {
    let dev: { app: INestApplication; url: string };

    beforeAll(async () => {
      dev = await startDevIssuer();
    });
    afterAll(() => dev.app.close());

    it('publishes discovery metadata that points at its JWKS', async () => {
      const response = await request(dev.url).get('/.well-known/openid-configuration').expect(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          issuer: ISSUER,
          jwks_uri: `${ISSUER}/.well-known/jwks.json`,
          token_endpoint: `${ISSUER}/dev/token`,
          id_token_signing_alg_values_supported: ['EdDSA'],
        }),
      );
    });

    it('publishes only the public half of an Ed25519 key generated at start', async () => {
      const { body } = await request(dev.url).get('/.well-known/jwks.json').expect(200);
      expect(body.keys).toHaveLength(1);
      expect(body.keys[0]).toEqual(expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' }));
      expect(body.keys[0]).not.toHaveProperty('d');

      const other = await startDevIssuer();
      try {
        const { body: otherBody } = await request(other.url).get('/.well-known/jwks.json');
        expect(otherBody.keys[0].x).not.toBe(body.keys[0].x);
      } finally {
        await other.app.close();
      }
    });

    it('issues a short-lived token carrying the custom claims of the seeded user', async () => {
      const response = await request(dev.url).post('/dev/token').send({ username: 'li.head' }).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 300 });
      const [, payload] = response.body.access_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      expect(claims).toEqual(
        expect.objectContaining({
          iss: ISSUER,
          aud: 'custos-api',
          sub: 'dev:li.head',
          'custos:person': 'person-head-li',
          'custos:roles': ['APPROVER'],
          'custos:division': '610116',
        }),
      );
      expect(claims.exp - claims.iat).toBe(300);
      expect(decodeProtectedHeader(response.body.access_token)).toEqual(
        expect.objectContaining({ alg: 'EdDSA', kid: expect.any(String) }),
      );
    });

    it("answers a service's client-credentials form with a token for the called service's audience and only the scopes it was given", async () => {
      const ask = (client: string, scope: string) =>
        request(dev.url)
          .post('/dev/token')
          .auth(client, 'not-checked')
          .type('form')
          .send({ grant_type: 'client_credentials', resource: 'urn:custos:storage', scope });
      const custody = await ask('service.custody', 'custos:segments.read custos:exports.read').expect(200);
      expect(custody.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 300, scope: 'custos:segments.read' });
      const claims = JSON.parse(Buffer.from(custody.body.access_token.split('.')[1], 'base64url').toString());
      expect(claims).toEqual(expect.objectContaining({ aud: 'urn:custos:storage', scope: 'custos:segments.read', 'custos:roles': ['SERVICE'] }));
      const storage = await ask('service.storage', 'custos:segments.read').expect(200);
      expect(JSON.parse(Buffer.from(storage.body.access_token.split('.')[1], 'base64url').toString()).scope).toBeUndefined();
      // A person is not a service client.
      expect((await ask('wang.officer', '')).body.code).toBe('CUSTOS_AUTH_UNKNOWN_USER');
    });

    it('refuses an unknown user with 401 CUSTOS_AUTH_UNKNOWN_USER and a body without username with 400', async () => {
      const unknown = await request(dev.url).post('/dev/token').send({ username: 'mallory' });
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual({ statusCode: 401, code: 'CUSTOS_AUTH_UNKNOWN_USER', message: 'no such user' });
      const malformed = await request(dev.url).post('/dev/token').send({ name: 'wang.officer' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('CUSTOS_AUTH_DEV_USERNAME_REQUIRED');
    });

    it('issues tokens that AuthModule accepts when pointed at its JWKS (the Keycloak switch is config only)', async () => {
      const api = await startProbeApp({
        issuer: ISSUER,
        audience: 'custos-api',
        jwksUrl: `${dev.url}/.well-known/jwks.json`,
      });
      try {
        const { body } = await request(dev.url).post('/dev/token').send({ username: 'wang.officer' });
        const me = await request(api.app.getHttpServer())
          .get('/me')
          .set('Authorization', `Bearer ${body.access_token}`)
          .expect(200);
        expect(me.body).toEqual({ ...officer, subject: 'dev:wang.officer' });
      } finally {
        await api.app.close();
      }
    });

    it('signs with ES256 when configured so', async () => {
      const es = await startDevIssuer({ ...config, algorithm: 'ES256' });
      try {
        const { body } = await request(es.url).post('/dev/token').send({ username: 'wang.officer' });
        expect(decodeProtectedHeader(body.access_token).alg).toBe('ES256');
      } finally {
        await es.app.close();
      }
    });
  });

  it('serves its endpoints publicly and records a refused login when AuthModule guards the same app', async () => {
    const recorder = new InMemoryAccessDenialRecorder();
    const moduleRef = await Test.createTestingModule({
      imports: [
        DevIssuerModule.forRoot(config),
        AuthModule.forRoot(
          { issuer: ISSUER, audience: 'custos-api', jwksUrl: `${ISSUER}/.well-known/jwks.json` },
          { recorder: { useValue: recorder } },
        ),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      await request(app.getHttpServer()).get('/.well-known/jwks.json').expect(200);
      await request(app.getHttpServer()).post('/dev/token').send({ username: 'wang.officer' }).expect(200);
      await request(app.getHttpServer()).post('/dev/token').send({ username: 'mallory' }).expect(401);
      expect(recorder.denials).toEqual([
        expect.objectContaining({ code: 'CUSTOS_AUTH_UNKNOWN_USER', method: 'POST', path: '/dev/token' }),
      ]);
    } finally {
      await app.close();
    }
  });
});

describe('DevIssuerModule with a directory (anyone registered signs in, embedded mode)', () => {
  // The registry as the directory sees it: changed between calls, as a registration would.
  const people: DevPerson[] = [
    {
      username: 'person-head-li',
      name: '李局长',
      organisationName: '雁塔分局',
      principal: { ...officer, personId: 'person-head-li', roles: ['APPROVER'] },
    },
    {
      username: 'person-new',
      name: '新警官',
      organisationName: '雁塔分局',
      principal: { ...officer, personId: 'person-new', credentialNumber: '61011300999' },
    },
  ];
  // Searches and pages as the registry's directory does (name, organisation or person id).
  const directory: DevUserDirectory = {
    search: async (q) => {
      const text = q.text?.toLowerCase();
      const found = people.filter(
        (p) =>
          (!text || [p.name, p.organisationName, p.principal.personId].some((s) => s.toLowerCase().includes(text))) &&
          (!q.personIds || q.personIds.includes(p.principal.personId)) &&
          !q.excludePersonIds?.includes(p.principal.personId),
      );
      return { people: found.slice(q.offset, q.offset + q.limit), total: found.length };
    },
    find: async (username) => people.find((p) => p.username === username),
  };
  let dev: { app: INestApplication; url: string };

  beforeAll(async () => {
    dev = await startDevIssuer(config, directory);
  });
  afterAll(() => dev.app.close());

  it('lists seeded users under their usernames with the registry’s names, then everyone else registered', async () => {
    const { body } = await request(dev.url).get('/dev/users').expect(200);
    expect(body.total).toBe(3);
    expect(body.items).toEqual([
      expect.objectContaining({ username: 'wang.officer', personId: officer.personId, roles: ['OFFICER'] }),
      expect.objectContaining({
        username: 'li.head',
        name: '李局长',
        organisationName: '雁塔分局',
        roles: ['APPROVER'],
      }),
      expect.objectContaining({
        username: 'person-new',
        name: '新警官',
        credentialNumber: '61011300999',
        roles: ['OFFICER'],
      }),
    ]);
  });

  it('pages the list and searches it by name, organisation or person id, the seeded users first', async () => {
    const page2 = await request(dev.url).get('/dev/users?limit=2&offset=1').expect(200);
    expect(page2.body).toEqual(
      expect.objectContaining({ total: 3, limit: 2, offset: 1, items: [
        expect.objectContaining({ username: 'li.head' }),
        expect.objectContaining({ username: 'person-new' }),
      ] }),
    );
    const byName = await request(dev.url).get(`/dev/users?q=${encodeURIComponent('新警')}`).expect(200);
    expect(byName.body.items.map((p: { username: string }) => p.username)).toEqual(['person-new']);
    const byOrganisation = await request(dev.url).get(`/dev/users?q=${encodeURIComponent('雁塔')}&limit=1`).expect(200);
    expect([byOrganisation.body.total, byOrganisation.body.items.length]).toEqual([2, 1]);
    const bad = await request(dev.url).get('/dev/users?limit=-1').expect(400);
    expect(bad.body.code).toBe('CUSTOS_AUTH_DEV_USERS_PAGE_INVALID');
  });

  it('signs in a person registered after start, with the claims the registry holds at issue time', async () => {
    const { body } = await request(dev.url).post('/dev/token').send({ username: 'person-new' }).expect(200);
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString());
    expect(claims).toEqual(
      expect.objectContaining({
        sub: 'dev:person-new',
        'custos:person': 'person-new',
        'custos:credential': '61011300999',
      }),
    );

    people.push({
      username: 'person-later',
      name: '后来者',
      organisationName: '雁塔分局',
      principal: { ...officer, personId: 'person-later' },
    });
    await request(dev.url).post('/dev/token').send({ username: 'person-later' }).expect(200);
    await request(dev.url).post('/dev/token').send({ username: 'person-nobody' }).expect(401);
  });

  it('refuses a directory person whose claims the verifier would refuse', async () => {
    people.push({
      username: 'person-bad',
      name: '坏',
      organisationName: '?',
      principal: { ...officer, personId: 'person-bad', divisionCode: '12' },
    });
    const response = await request(dev.url).post('/dev/token').send({ username: 'person-bad' });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('CUSTOS_AUTH_UNKNOWN_USER');
  });
});
