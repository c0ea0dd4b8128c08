import { createHash, randomBytes } from 'node:crypto';
import { TEST_OIDC } from './servers/oidc-provider.server';

/** What a browser would keep between the provider's redirects: its cookies. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface PkceSignIn {
  readonly accessToken: string;
  readonly idToken?: string;
  readonly expiresIn: number;
}

/**
 * Signs a person in at a real OpenID provider as the console does: authorization code with PKCE
 * (S256) for a public client, the provider's own sign-in page (username and password), then the
 * code for a token at the token endpoint. Follows the redirects by hand, as a browser would.
 */
export async function signInWithPkce(
  issuer: string,
  username: string,
  password: string = TEST_OIDC.password,
  options: { clientId?: string; redirectUri?: string; resource?: string } = {},
): Promise<PkceSignIn> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const clientId = options.clientId ?? TEST_OIDC.consoleClientId;
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:50123/callback';
  const resource = options.resource ?? TEST_OIDC.apiResource;
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid profile',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
    resource,
  }).toString();

  const jar = new CookieJar();
  const step = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
    jar.keep(response);
    return response;
  };
  const location = (response: Response): string => {
    const to = response.headers.get('location');
    if (!to || response.status < 300 || response.status >= 400) throw new Error(`expected a redirect, got ${response.status}`);
    return new URL(to, issuer).toString();
  };

  const toLogin = location(await step(authorize.toString()));
  const login = await step(`${toLogin}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  if (login.status === 401) throw new Error(`the provider refused the sign-in of ${username}`);
  let next = location(login);
  // The provider resumes the authorization, then redirects to the client with the code.
  while (!next.startsWith(redirectUri)) next = location(await step(next));
  const callback = new URL(next);
  if (callback.searchParams.get('state') !== state) throw new Error('state mismatch');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code: ${callback.searchParams.get('error') ?? ''} ${callback.searchParams.get('error_description') ?? ''}`);

  const token = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
      resource,
    }).toString(),
  });
  const body = (await token.json()) as { access_token?: string; id_token?: string; expires_in?: number; error?: string };
  if (!token.ok || !body.access_token) throw new Error(`the token endpoint answered ${token.status} ${body.error ?? ''}`);
  return { accessToken: body.access_token, idToken: body.id_token, expiresIn: body.expires_in ?? 0 };
}
