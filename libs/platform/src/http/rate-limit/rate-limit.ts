import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Observable } from 'rxjs';
import { EdgeException } from '../../errors/edge-errors';
import { RateDecision, RateLimiter } from './rate-limiter';

function refused(response: Response, decision: RateDecision & { allowed: false }, by: 'source' | 'principal'): EdgeException {
  response.setHeader('Retry-After', String(decision.retryAfterSec));
  return new EdgeException('CUSTOS_RATE_LIMITED', { by, retryAfterSec: decision.retryAfterSec });
}

function sourceOf(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/**
 * Limits what a network source may do without a valid token (issue 16): every request without
 * an `Authorization` header (public and link routes) spends from the source's allowance, and so
 * does every refused token (an answered 401). Once spent, the source is refused 429 whatever it
 * presents, until its allowance is back; signed-in callers with valid tokens spend nothing
 * here (they are limited per principal), so a gateway carrying many users is not throttled by
 * its users' own traffic.
 */
export function anonymousRateLimit(limiter: RateLimiter): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (limiter.perMinute <= 0) return next();
    const source = sourceOf(request);
    if (request.headers.authorization === undefined) {
      const decision = limiter.take(source);
      return decision.allowed ? next() : next(refused(response, decision, 'source'));
    }
    const decision = limiter.peek(source);
    if (!decision.allowed) return next(refused(response, decision, 'source'));
    response.on('finish', () => {
      if (response.statusCode === 401) limiter.take(source);
    });
    next();
  };
}

/** Limits each signed-in principal (issue 16); runs after the guards, which set `request.user`. */
@Injectable()
export class PrincipalRateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limiter: RateLimiter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || this.limiter.perMinute <= 0) return next.handle();
    const http = context.switchToHttp();
    const subject = http.getRequest<{ user?: { subject?: unknown } }>().user?.subject;
    if (typeof subject !== 'string') return next.handle();
    const decision = this.limiter.take(subject);
    if (!decision.allowed) throw refused(http.getResponse<Response>(), decision, 'principal');
    return next.handle();
  }
}

const anonymousLimiters = new WeakMap<object, RateLimiter>();

/** Makes `limiter` the anonymous allowance of the application serving `server` (configureApp). */
export function shareAnonymousRateLimiter(server: object, limiter: RateLimiter): void {
  anonymousLimiters.set(server, limiter);
}

/**
 * The anonymous limiter of the application serving `server`, for a handler that answers before
 * Express (the ledger's cached tiles) and must spend from the same allowance; undefined when
 * the application has no rate limit (configureApp was not applied).
 */
export function anonymousRateLimiterOf(server: object): RateLimiter | undefined {
  return anonymousLimiters.get(server);
}
