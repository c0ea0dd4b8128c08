import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JSONWebKeySet, SignJWT } from 'jose';
import { UnauthorizedError } from '../errors/auth.errors';
import { principalToClaims } from '../principal/principal.claims';
import { DevIssuerDisabledError, ResolvedDevIssuerConfig } from './dev-issuer.config';
import { DEV_ISSUER_CONFIG, DEV_SIGNING_KEY } from './dev-issuer.tokens';
import type { DevSigningKey } from './dev-signing-key';

export interface DevToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
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
} as const;

/**
 * Signs tokens for seeded demo users with exactly the claims Keycloak is mapped to emit, so
 * that moving from the embedded mode to Keycloak changes configuration, not code.
 */
@Injectable()
export class DevTokenIssuer {
  constructor(
    @Inject(DEV_ISSUER_CONFIG) private readonly config: ResolvedDevIssuerConfig,
    @Inject(DEV_SIGNING_KEY) private readonly key: DevSigningKey,
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

  async issue(username: string): Promise<DevToken> {
    const principal = this.config.users.get(username);
    if (!principal) throw new UnauthorizedError('CUSTOS_AUTH_UNKNOWN_USER');
    const { sub, ...claims } = principalToClaims(principal);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: this.key.algorithm, kid: this.key.kid, typ: 'JWT' })
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setSubject(sub)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.config.tokenTtlSec)
      .setJti(randomUUID())
      .sign(this.key.privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: this.config.tokenTtlSec };
  }
}
