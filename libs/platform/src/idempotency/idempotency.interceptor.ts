import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, StreamableFile } from '@nestjs/common';
import { canonicalJson } from '@custos/contracts';
import type { Principal } from '@custos/auth';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, Observable, of, throwError } from 'rxjs';
import { EdgeException } from '../errors/edge-errors';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on commands: a client that retries after a timeout gets the first answer
 * (same status, same body) instead of a second request or export. The key is scoped to the
 * authenticated principal, and bound to the method, path and body it was first used with; the
 * same key with another request is a coded 409. A command without the header runs as before.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    // Only a signed-in caller has a scope to keep keys in (the public routes are no commands).
    if (key === undefined || !COMMAND_METHODS.has(request.method) || !request.user) return next.handle();
    if (typeof key !== 'string' || !VALID_KEY.test(key)) throw new EdgeException('CUSTOS_INPUT_IDEMPOTENCY_KEY_INVALID');
    const response = context.switchToHttp().getResponse<Response>();
    const principal = request.user.subject;
    return from(this.store.claim(principal, key, fingerprintOf(request))).pipe(
      concatMap((claim) => {
        switch (claim.kind) {
          case 'claimed':
            return this.runOnce(next, response, principal, key);
          case 'replay':
            response.status(claim.status).setHeader('idempotency-replayed', 'true');
            return of(claim.body === null ? undefined : JSON.parse(claim.body));
          case 'mismatch':
            return throwError(() => new EdgeException('CUSTOS_INPUT_IDEMPOTENCY_KEY_REUSED'));
          case 'in-progress':
            return throwError(() => new EdgeException('CUSTOS_INPUT_IDEMPOTENCY_KEY_IN_USE'));
        }
      }),
    );
  }

  private runOnce(next: CallHandler, response: Response, principal: string, key: string): Observable<unknown> {
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        // An answer written by the handler itself or streamed cannot be given again: forget the key.
        const replayable = !response.headersSent && !(body instanceof StreamableFile) && !Buffer.isBuffer(body);
        try {
          if (replayable) await this.store.complete(principal, key, response.statusCode, body === undefined ? null : JSON.stringify(body));
          else await this.store.release(principal, key);
        } catch (error) {
          // The command is done; the client gets its answer. A retry waits until the key is abandoned.
          this.logger.error({ msg: 'idempotency answer not stored', code: 'CUSTOS_IDEMPOTENCY_NOT_STORED', reason: String((error as Error)?.message ?? error) });
        }
        return body;
      }),
      catchError((error: unknown) =>
        from(this.store.release(principal, key).catch(() => undefined)).pipe(concatMap(() => throwError(() => error))),
      ),
    );
  }
}

/** Method, path with query, and the body in its canonical form: what a retry must repeat exactly. */
function fingerprintOf(request: Request): string {
  const body = request.body === undefined || request.body === null ? null : (request.body as unknown);
  return createHash('sha256')
    .update(canonicalJson({ method: request.method, url: request.originalUrl, body }))
    .digest('base64url');
}
