import type { ConsoleConfig } from './config';

/**
 * OpenID Connect authorization code flow with PKCE (RFC 7636), for a public client: the
 * verifier and state live in sessionStorage between the redirect and the callback.
 */
const PENDING = 'custos.oidc.pending';
export const CALLBACK_PATH = '/callback';

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

interface Discovery {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly end_session_endpoint?: string;
}

async function discover(issuer: string): Promise<Discovery> {
  const r = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!r.ok) throw new Error(`OpenID discovery: HTTP ${r.status}`);
  return (await r.json()) as Discovery;
}

function redirectUri(): string {
  return `${window.location.origin}${CALLBACK_PATH}`;
}

/** Sends the browser to the provider's sign-in page. */
export async function beginSignIn(config: ConsoleConfig): Promise<void> {
  if (!config.issuer || !config.clientId) throw new Error('console-config.json: issuer and clientId are required for oidc');
  const d = await discover(config.issuer);
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(d.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope ?? 'openid',
    state,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On /callback: checks the state, exchanges the code, returns the access token. */
export async function completeSignIn(config: ConsoleConfig, search = window.location.search): Promise<string> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error') ?? 'error');
  if (!pending || params.get('state') !== pending.state) throw new Error('state mismatch');
  const code = params.get('code');
  if (!code) throw new Error('no authorization code');
  const d = await discover(config.issuer!);
  const r = await fetch(d.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: config.clientId!,
      code_verifier: pending.verifier,
    }),
  });
  if (!r.ok) throw new Error(`token endpoint: HTTP ${r.status}`);
  return ((await r.json()) as { access_token: string }).access_token;
}
