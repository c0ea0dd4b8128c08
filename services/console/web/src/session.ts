import { useSyncExternalStore } from 'react';

/** The roles the console knows (the claims' `custos:roles`). */
export type Role = 'OFFICER' | 'APPROVER' | 'OWNER_OPERATOR' | 'OVERSIGHT' | 'REGISTRY_ADMIN' | 'OPERATOR' | 'SERVICE';
const ROLE_NAMES: readonly Role[] = ['OFFICER', 'APPROVER', 'OWNER_OPERATOR', 'OVERSIGHT', 'REGISTRY_ADMIN', 'OPERATOR', 'SERVICE'];

/** Who is signed in: the bearer token and what its claims say. */
export interface Session {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly subject: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
  readonly credentialNumber?: string;
  /** For display only; the APIs trust the token, never these. */
  readonly displayName: string;
  readonly organisationName: string;
}

// sessionStorage: a reload keeps the sign-in, closing the tab ends it; never localStorage.
const KEY = 'custos.session';
let current: Session | null = read();
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as Session) : null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) setSession(null);
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  try {
    if (session) globalThis.sessionStorage?.setItem(KEY, JSON.stringify(session));
    else globalThis.sessionStorage?.removeItem(KEY);
  } catch {
    // Storage refused: the session lives in memory only.
  }
  listeners.forEach((l) => l());
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** The claims of a JWT (not verified: the services verify; the console only displays). */
export function decodeClaims(token: string): Record<string, unknown> {
  return decodeJwtPart(token, 1);
}

/** Part `index` of a JWT (0: header, 1: claims), decoded. */
function decodeJwtPart(token: string, index: number): Record<string, unknown> {
  const payload = token.split('.')[index] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

/**
 * Where the provider puts roles, organisation, person and credential (the services' own
 * CUSTOS_AUTH_*_CLAIM settings, given by /console-config.json): a claim name, or a dotted path.
 */
export interface ClaimNames {
  readonly roles?: string;
  readonly organisation?: string;
  readonly person?: string;
  readonly credential?: string;
}

/** The claim by exact name first (namespaced names hold dots), else by dotted path. */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined), claims);
}

/** A session from an access token and the names to show. */
export function sessionFromToken(
  accessToken: string,
  names: { displayName?: string; organisationName?: string } = {},
  claimNames: ClaimNames = {},
): Session {
  const c = decodeClaims(accessToken);
  const at = (name: string | undefined, fallback: string) => claimAt(c, name || fallback);
  const person = String(at(claimNames.person, 'custos:person'));
  const organisation = String(at(claimNames.organisation, 'custos:org'));
  const credential = at(claimNames.credential, 'custos:credential');
  const roles = at(claimNames.roles, 'custos:roles');
  return {
    accessToken,
    expiresAt: Number(c.exp) * 1000,
    subject: String(c.sub),
    personId: person,
    organisationId: organisation,
    // A provider's own roles (Keycloak's offline_access, …) beside Custos's are left out.
    roles: Array.isArray(roles) ? (roles.filter((r) => ROLE_NAMES.includes(r as Role)) as Role[]) : [],
    ...(credential ? { credentialNumber: String(credential) } : {}),
    displayName: names.displayName ?? person,
    organisationName: names.organisationName ?? organisation,
  };
}

/**
 * Ends a session whose token was signed with a key the issuer no longer publishes: the embedded
 * issuer makes a fresh key at every start, so after a restart a tab still holding a token would
 * show the console but every call would be refused. Returns whether the session was kept.
 */
export async function keepSessionIfKeyKnown(jwksUrl: string, fetcher: typeof fetch = fetch): Promise<boolean> {
  const session = getSession();
  if (!session) return false;
  const header = decodeJwtPart(session.accessToken, 0);
  const r = await fetcher(jwksUrl).catch(() => undefined);
  if (!r?.ok) return true; // the issuer is away: the services will say whether the token holds
  const { keys } = (await r.json()) as { keys?: { kid?: string }[] };
  if (keys?.some((k) => k.kid === header.kid)) return true;
  if (getSession() === session) setSession(null);
  return false;
}
