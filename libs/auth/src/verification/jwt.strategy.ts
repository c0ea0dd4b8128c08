import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { JWTPayload } from 'jose';
import passport from 'passport';
import { AUTH_CONFIG, AUTH_STRATEGY_NAME } from '../auth.tokens';
import type { ResolvedAuthConfig } from '../config/auth.config';
import { UnauthorizedError } from '../errors/auth.errors';
import type { Principal } from '../principal/principal';
import { principalFromClaims } from '../principal/principal.claims';
import { BearerJwtPassportStrategy } from './bearer-jwt.passport-strategy';
import { TokenVerifier } from './token.verifier';

/**
 * The Nest passport strategy: a verified token becomes a `Principal` or a 401. Registered
 * under a per-module name (see AUTH_STRATEGY_NAME) and removed from passport on shutdown.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(BearerJwtPassportStrategy) implements OnModuleDestroy {
  constructor(
    verifier: TokenVerifier,
    @Inject(AUTH_STRATEGY_NAME) private readonly strategyName: string,
    @Inject(AUTH_CONFIG) private readonly config: ResolvedAuthConfig,
  ) {
    super({ name: strategyName, verifyToken: (token: string) => verifier.verify(token) });
  }

  validate(payload: JWTPayload): Principal {
    const principal = principalFromClaims(payload, this.config.claims);
    if (!principal.ok) {
      const code =
        principal.error.code === 'CUSTOS_AUTH_CLAIMS_MISSING'
          ? 'CUSTOS_AUTH_CLAIMS_MISSING'
          : 'CUSTOS_AUTH_CLAIMS_INVALID';
      throw new UnauthorizedError(code, principal.error.message);
    }
    return principal.value;
  }

  onModuleDestroy(): void {
    passport.unuse(this.strategyName);
  }
}
