import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { JSONWebKeySet, SignJWT } from 'jose';
import { UnauthorizedError } from '../errors/auth.errors';
import type { Principal } from '../principal/principal';
import { principalFromClaims, principalToClaims } from '../principal/principal.claims';
import { DevIssuerDisabledError, ResolvedDevIssuerConfig } from './dev-issuer.config';
import { DEV_ISSUER_CONFIG, DEV_SIGNING_KEY } from './dev-issuer.tokens';
import type { DevSigningKey } from './dev-signing-key';
import { DEV_USER_DIRECTORY, DevPerson, DevUserDirectory } from './dev-user.directory';

export interface DevToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  /** The scopes granted, for a service's client-credentials token. */
  readonly scope?: string;
}

/** The subset of OpenID Provider Metadata a resource server needs to find the keys. */
export interface DevOpenIdConfiguration {
  readonly issuer: string;
  readonly jwks_uri: string;
  readonly token_endpoint: string;
  readonly id_token_signing_alg_values_supported: readonly string[];
  readonly response_types_supported: readonly string[];
  readonly subject_types_supported: readonly string[];
}

export const DEV_ISSUER_PATHS = {
  openidConfiguration: '.well-known/openid-configuration',
  jwks: '.well-known/jwks.json',
  token: 'dev/token',
  users: 'dev/users',
} as const;

/** A row of the console's embedded sign-in list (`GET /dev/users`). */
export interface DevSignInEntry {
  readonly username: string;
  readonly name: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly roles: readonly string[];
  readonly credentialNumber?: string;
}

/** The console's sign-in list query: a search text and a page. */
export interface DevSignInQuery {
  readonly text?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface DevSignInPage {
  readonly items: DevSignInEntry[];
  /** How many match in all (the list shows a page of them). */
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** The sign-in list's page size by default, and its most. */
export const DEV_SIGN_IN_PAGE = 50;
export const DEV_SIGN_IN_MAX_PAGE = 200;

/**
 * Signs tokens for seeded demo users with exactly the claims Keycloak is mapped to emit, so
 * that moving from the embedded mode to Keycloak changes configuration, not code.
 */
@Injectable()
export class DevTokenIssuer {
  constructor(
    @Inject(DEV_ISSUER_CONFIG) private readonly config: ResolvedDevIssuerConfig,
    @Inject(DEV_SIGNING_KEY) private readonly key: DevSigningKey,
    @Optional() @Inject(DEV_USER_DIRECTORY) private readonly directory?: DevUserDirectory,
  ) {
    // Also checked by forRoot; repeated here for anyone wiring the class by hand.
    if (config?.enabled !== true) throw new DevIssuerDisabledError();
  }

  get issuer(): string {
    return this.config.issuer;
  }

  openIdConfiguration(): DevOpenIdConfiguration {
    return {
      issuer: this.config.issuer,
      jwks_uri: `${this.config.issuer}/${DEV_ISSUER_PATHS.jwks}`,
      token_endpoint: `${this.config.issuer}/${DEV_ISSUER_PATHS.token}`,
      id_token_signing_alg_values_supported: [this.key.algorithm],
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
    };
  }

  jwks(): JSONWebKeySet {
    return { keys: [this.key.publicJwk] };
  }

  /**
   * A page of who can sign in: the seeded users first (services excepted: nobody signs in as
   * one in a browser), then the directory's people; a seeded user the directory also knows
   * (same person) is listed once, under the seeded username, with the directory's names.
   * `text` keeps those whose name, username, organisation or person id contains it.
   */
  async signInList(query: DevSignInQuery = { limit: DEV_SIGN_IN_PAGE, offset: 0 }): Promise<DevSignInPage> {
    const users = [...this.config.users].filter(([, p]) => !p.roles.includes('SERVICE'));
    const personIds = users.map(([, p]) => p.personId);
    const text = query.text?.trim().toLowerCase();
    const rest = (seededMatching: number) =>
      this.directory?.search({
        text: query.text,
        excludePersonIds: personIds,
        limit: query.limit - Math.max(0, Math.min(query.limit, seededMatching - query.offset)),
        offset: Math.max(0, query.offset - seededMatching),
      });
    // Without a search text every seeded user is listed, so the directory's page can be asked
    // for at once, beside the seeded users' names; a search needs those names first.
    const early = text ? undefined : rest(users.length);
    early?.catch(() => undefined); // awaited below; a failure of the names first must not leave it unhandled
    const [named, organisations] = await Promise.all([
      this.directory?.search({ personIds, limit: personIds.length, offset: 0 }),
      this.directory?.organisationNames?.(),
    ]);
    const byPerson = new Map((named?.people ?? []).map((p) => [p.principal.personId, p]));
    const seeded = users
      .map(([username, p]) => {
        const known = byPerson.get(p.personId);
        return entry({
          username,
          name: known?.name ?? username,
          organisationName: known?.organisationName ?? organisations?.[p.organisationId] ?? p.organisationId,
          principal: p,
        });
      })
      .filter((e) => !text || [e.name, e.username, e.organisationName, e.personId].some((s) => s.toLowerCase().includes(text)));
    const fromSeeded = seeded.slice(query.offset, query.offset + query.limit);
    const others = await (early ?? rest(seeded.length));
    return {
      items: [...fromSeeded, ...(others?.people ?? []).map(entry)],
      total: seeded.length + (others?.total ?? 0),
      limit: query.limit,
      offset: query.offset,
    };
  }

  async issue(username: string): Promise<DevToken> {
    const principal = this.config.users.get(username) ?? (await this.fromDirectory(username));
    if (!principal) throw new UnauthorizedError('CUSTOS_AUTH_UNKNOWN_USER');
    return this.sign(principal, this.config.audience);
  }

  /**
   * A service user's token for one called service (`audience`, its resource indicator) with the
   * scopes asked for that the user was given; no other scope, as a provider would answer.
   */
  async issueToService(username: string, request: { audience?: string; scopes: readonly string[] }): Promise<DevToken> {
    const principal = this.config.users.get(username);
    if (!principal?.roles.includes('SERVICE')) throw new UnauthorizedError('CUSTOS_AUTH_UNKNOWN_USER');
    const granted = request.scopes.filter((scope) => principal.scopes?.includes(scope));
    const { scopes: _all, ...rest } = principal;
    const token = await this.sign(granted.length > 0 ? { ...rest, scopes: granted } : rest, request.audience ?? this.config.audience);
    return granted.length > 0 ? { ...token, scope: granted.join(' ') } : token;
  }

  private async sign(principal: Principal, audience: string): Promise<DevToken> {
    const { sub, ...claims } = principalToClaims(principal);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: this.key.algorithm, kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.config.issuer)
      .setAudience(audience)
      .setSubject(sub)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.config.tokenTtlSec)
      .setJti(randomUUID())
      .sign(this.key.privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: this.config.tokenTtlSec };
  }

  /** A directory person, checked with the verifier's own claim rules (as seeded users are). */
  private async fromDirectory(username: string): Promise<Principal | undefined> {
    const person = await this.directory?.find(username);
    if (!person) return undefined;
    const checked = principalFromClaims({
      ...principalToClaims({ ...person.principal, subject: person.principal.subject ?? `dev:${username}` }),
    });
    return checked.ok ? checked.value : undefined;
  }
}

function entry(p: DevPerson): DevSignInEntry {
  return {
    username: p.username,
    name: p.name,
    personId: p.principal.personId,
    organisationId: p.principal.organisationId,
    organisationName: p.organisationName,
    roles: [...p.principal.roles],
    ...(p.principal.credentialNumber ? { credentialNumber: p.principal.credentialNumber } : {}),
  };
}
