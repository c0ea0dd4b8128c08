import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import { ExtractJwt } from 'passport-jwt';
import type { JWTPayload } from 'jose';
import { AuthError, UnauthorizedError } from '../errors/auth.errors';

export interface BearerJwtStrategyOptions {
  /** The passport registry name; unique per AuthModule instance. */
  readonly name: string;
  /** Verifies the raw token; rejects with an AuthError. */
  readonly verifyToken: (token: string) => Promise<JWTPayload>;
}

type Done = (error: unknown, user?: unknown, info?: unknown) => void;
type VerifyCallback = (payload: JWTPayload, done: Done) => void;

const extractBearer = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * A passport strategy shaped like passport-jwt's (bearer extraction, then a `verify(payload,
 * done)` callback that Nest's PassportStrategy wires to `validate`), but with the signature
 * checked by jose: passport-jwt verifies with jsonwebtoken, which knows no EdDSA. Every
 * refusal is passed on as a coded AuthError so the guard can answer with its code.
 */
export class BearerJwtPassportStrategy extends Strategy {
  readonly name: string;

  constructor(
    private readonly options: BearerJwtStrategyOptions,
    private readonly verify: VerifyCallback,
  ) {
    super();
    this.name = options.name;
  }

  override authenticate(request: Request): void {
    const token = extractBearer(request);
    if (!token) {
      this.fail(new UnauthorizedError('CUSTOS_AUTH_TOKEN_MISSING'), 401);
      return;
    }
    this.options.verifyToken(token).then(
      (payload) =>
        this.verify(payload, (error, user, info) => {
          if (error) this.error(error instanceof Error ? error : new Error(String(error)));
          else if (!user) this.fail(info ?? new UnauthorizedError('CUSTOS_AUTH_TOKEN_INVALID'), 401);
          else this.success(user, info);
        }),
      (refusal: unknown) => {
        const error = refusal instanceof AuthError ? refusal : new UnauthorizedError('CUSTOS_AUTH_TOKEN_INVALID');
        this.fail(error, error.getStatus());
      },
    );
  }
}
