import { DEFAULT_CLAIM_MAPPING } from '../principal/principal.claims';
import { authConfigFromEnv, DEFAULT_ALGORITHMS, resolveAuthConfig } from './auth.config';

const base = { issuer: 'https://kc.test/realms/custos', audience: 'custos-api', jwksUrl: 'https://kc.test/certs' };

describe('auth config', () => {
  it('defaults to RS256, ES256, EdDSA and a 30 s clock tolerance', () => {
    expect(resolveAuthConfig(base)).toEqual({
      ...base,
      audiences: ['custos-api'],
      algorithms: DEFAULT_ALGORITHMS,
      clockToleranceSec: 30,
      claims: DEFAULT_CLAIM_MAPPING,
    });
    expect(DEFAULT_ALGORITHMS).toEqual(['RS256', 'ES256', 'EdDSA']);
  });

  it.each([['none'], ['HS256'], ['RS256', 'HS512']])(
    'refuses to start with a symmetric or empty algorithm in %p',
    (...algorithms) => {
      expect(() => resolveAuthConfig({ ...base, algorithms })).toThrow(/CUSTOS_AUTH_CONFIG_INVALID/);
    },
  );

  it('refuses an empty algorithm list, a missing issuer and a non-http JWKS URL', () => {
    expect(() => resolveAuthConfig({ ...base, algorithms: [] })).toThrow(/at least one/);
    expect(() => resolveAuthConfig({ ...base, issuer: ' ' })).toThrow(/issuer is required/);
    expect(() => resolveAuthConfig({ ...base, jwksUrl: 'file:///etc/keys.json' })).toThrow(/http/);
  });

  it('refuses a clock tolerance that is negative, fractional or above 5 minutes', () => {
    for (const clockToleranceSec of [-1, 1.5, 301]) {
      expect(() => resolveAuthConfig({ ...base, clockToleranceSec })).toThrow(/clockToleranceSec/);
    }
  });

  it('reads every setting from the environment, over the embedded defaults', () => {
    const config = authConfigFromEnv(
      {
        CUSTOS_AUTH_ISSUER: 'https://kc.prod/realms/custos',
        CUSTOS_AUTH_ALGORITHMS: 'ES256, EdDSA',
        CUSTOS_AUTH_CLOCK_TOLERANCE_SEC: '10',
        CUSTOS_AUTH_AUDIENCE: 'urn:custos:api, urn:custos:storage',
        CUSTOS_AUTH_ROLES_CLAIM: 'realm_access.roles',
        CUSTOS_AUTH_ORGANISATION_CLAIM: 'org',
        CUSTOS_AUTH_CREDENTIAL_CLAIM: 'credential',
      },
      { audience: 'custos-api', jwksUrl: 'http://127.0.0.1:7000/.well-known/jwks.json', issuer: 'http://dev' },
    );
    expect(config).toEqual({
      issuer: 'https://kc.prod/realms/custos',
      audience: 'urn:custos:api, urn:custos:storage',
      audiences: ['urn:custos:api', 'urn:custos:storage'],
      jwksUrl: 'http://127.0.0.1:7000/.well-known/jwks.json',
      algorithms: ['ES256', 'EdDSA'],
      clockToleranceSec: 10,
      claims: { ...DEFAULT_CLAIM_MAPPING, roles: 'realm_access.roles', organisation: 'org', credential: 'credential' },
    });
  });

  it('names the environment variable that is missing', () => {
    expect(() => authConfigFromEnv({ CUSTOS_AUTH_ISSUER: 'x', CUSTOS_AUTH_AUDIENCE: 'y' })).toThrow(
      /CUSTOS_AUTH_JWKS_URL is not set/,
    );
  });
});
