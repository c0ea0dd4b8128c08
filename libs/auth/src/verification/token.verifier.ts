import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, JWTPayload, JWTVerifyGetKey } from 'jose';
import { AUTH_CONFIG } from '../auth.tokens';
import type { ResolvedAuthConfig } from '../config/auth.config';
import { AuthError } from '../errors/auth.errors';
import { authErrorOfJose } from './jose-error.mapper';
import { VerifiedTokens } from './verified-tokens';

/** Keys are re-read every 10 min, so a rotation at the issuer is picked up without a restart. */
const JWKS_CACHE_MAX_AGE_MS = 10 * 60 * 1000;
/**
 * An unknown `kid` triggers a refetch at most every 30 s: this is the rate limit that keeps
 * forged tokens with random key ids from turning the service into a load on the issuer.
 */
const JWKS_COOLDOWN_MS = 30 * 1000;
const JWKS_TIMEOUT_MS = 5 * 1000;
/** A verified token is checked again in full after a minute: a withdrawn key is trusted at most that much longer. */
const VERIFIED_TOKEN_MAX_AGE_SEC = 60;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Verifies a bearer token against the issuer's JWKS: signature, algorithm (from config only),
 * `iss`, `aud`, `exp`, `nbf` with the configured clock tolerance. jose is used rather than
 * jsonwebtoken because jsonwebtoken cannot verify EdDSA, which the default algorithms include.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger('TokenVerifier');
  private readonly keys: JWTVerifyGetKey;
  private readonly verified: VerifiedTokens;

  constructor(@Inject(AUTH_CONFIG) private readonly config: ResolvedAuthConfig) {
    const url = new URL(config.jwksUrl);
    if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) {
      this.logger.warn(
        JSON.stringify({
          event: 'auth.insecureJwksUrl',
          jwksUrl: config.jwksUrl,
          message: 'use https outside a trusted network',
        }),
      );
    }
    this.keys = createRemoteJWKSet(url, {
      cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
      cooldownDuration: JWKS_COOLDOWN_MS,
      timeoutDuration: JWKS_TIMEOUT_MS,
    });
    this.verified = new VerifiedTokens(config.clockToleranceSec, VERIFIED_TOKEN_MAX_AGE_SEC);
  }

  /** Resolves with the verified payload or rejects with a coded AuthError; a token verified before is only checked for expiry. */
  async verify(token: string): Promise<JWTPayload> {
    return this.verified.valid(token) ?? this.verifyInFull(token);
  }

  private async verifyInFull(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: [...this.config.audiences],
        algorithms: [...this.config.algorithms],
        clockTolerance: this.config.clockToleranceSec,
        // A token without an expiry would be valid forever; one without a subject names no one.
        requiredClaims: ['exp', 'sub'],
      });
      this.verified.remember(token, payload);
      return payload;
    } catch (error) {
      const refusal = authErrorOfJose(error);
      if (refusal.code === 'CUSTOS_AUTH_KEYS_UNAVAILABLE') this.logKeysUnavailable(error, refusal);
      throw refusal;
    }
  }

  private logKeysUnavailable(error: unknown, refusal: AuthError): void {
    this.logger.error(
      JSON.stringify({
        event: 'auth.keysUnavailable',
        code: refusal.code,
        jwksUrl: this.config.jwksUrl,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }
}
