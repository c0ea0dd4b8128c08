// A real OpenID provider (the certified npm `oidc-provider`) for the tests, as its own process:
// it is ESM and the tests are CommonJS. Configured by CUSTOS_OIDC_CONFIG (JSON, see
// oidc-provider.server.ts); prints one line `{"issuer": ...}` on stdout once it listens.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import Provider, { errors } from 'oidc-provider';

const config = JSON.parse(process.env.CUSTOS_OIDC_CONFIG ?? '{}');
const accounts = new Map(config.accounts.map((a) => [a.id, a]));
const serviceClients = new Map(config.serviceClients.map((c) => [c.clientId, c]));

function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(config.port ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

/** The claims of a person, under the provider's own names (the services map them by configuration). */
const personClaims = (account) => ({ ...account.claims });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: config.consoleClientId,
      application_type: 'native', // loopback redirect URIs on any port (RFC 8252 §7.3)
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: config.consoleRedirectUris,
    },
    ...config.serviceClients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      scope: c.scopes.join(' '),
    })),
  ],
  jwks: { keys: [signingKey()] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  // Resource scopes too: a client's allowed `scope` may name only scopes listed here.
  scopes: ['openid', 'profile', ...new Set(Object.values(config.resources).flatMap((r) => r.scope.split(' ')))],
  claims: { openid: ['sub'], profile: ['name'] },
  // A resource's own lifetime wins (the short-lived audience of the renewal tests).
  ttl: {
    AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? config.accessTokenTtlSec,
    ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? config.accessTokenTtlSec,
    Session: 600,
    Interaction: 600,
    Grant: 600,
  },
  findAccount: async (_ctx, id) => {
    const account = accounts.get(id);
    return account ? { accountId: id, claims: async () => ({ sub: id, name: account.name }) } : undefined;
  },
  clientBasedCORS: (_ctx, _origin, client) => client.clientId === config.consoleClientId,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  extraTokenClaims: async (_ctx, token) => {
    if (token.accountId) return personClaims(accounts.get(token.accountId));
    const service = serviceClients.get(token.clientId);
    return service ? { ...service.claims } : undefined;
  },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx) => (ctx.oidc.client?.clientId === config.consoleClientId ? config.apiResource : undefined),
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resourceIndicator, client) => {
        const resource = config.resources[resourceIndicator];
        if (!resource) throw new errors.InvalidTarget();
        const service = serviceClients.get(client.clientId);
        // A service's token carries only the scopes its client was given for this resource.
        const scope = service ? [config.serviceScope, ...(service.resourceScopes?.[resourceIndicator] ?? [])].join(' ') : resource.scope;
        return {
          scope,
          audience: resourceIndicator,
          accessTokenTTL: resource.accessTokenTtlSec ?? config.accessTokenTtlSec,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
});

const page = (uid, message = '') => `<!doctype html><html><head><meta charset="utf-8"><title>Custos test sign-in</title></head><body>
<form method="post" action="/interaction/${uid}/login">${message ? `<p role="alert">${message}</p>` : ''}
<label>Username <input name="username" autocomplete="username" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></body></html>`;

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The console is first-party: what it asks for is granted without a consent screen. */
async function grantConsent(req, res, { prompt: { details }, grantId, session, params }) {
  const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

/** The sign-in page: a username and password checked against the configured accounts. */
async function interaction(req, res, uid, submitted) {
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (details.prompt.name === 'consent') {
      await grantConsent(req, res, details);
      return;
    }
    if (!submitted) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(uid));
      return;
    }
    const form = await readForm(req);
    const account = accounts.get(form.get('username') ?? '');
    if (!account || account.password !== form.get('password')) {
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(page(uid, 'Unknown username or wrong password'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error?.message ?? error));
  }
}

const callback = provider.callback();
server.on('request', (req, res) => {
  const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(new URL(req.url, issuer).pathname);
  if (match) {
    void interaction(req, res, match[1], req.method === 'POST' && match[2] === '/login');
    return;
  }
  callback(req, res);
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
