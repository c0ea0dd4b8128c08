import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ACCEPTS_FORM_BODY_KEY } from '@custos/auth';
import { EdgeException } from '../../errors/edge-errors';

const ACCEPTS_RAW_BODY = 'custos:http:accepts-raw-body';

/** The route reads its body as bytes (footage): it checks the content type itself. */
export const AcceptsRawBody = (): MethodDecorator => SetMetadata(ACCEPTS_RAW_BODY, true);

const JSON_MEDIA_TYPE = /^application\/([a-z0-9.-]+\+)?json\s*(;|$)/i;
const FORM_MEDIA_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** Whether a request carries a body at all (a length above 0, or chunks). */
export function hasBody(request: Request): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

/**
 * A body on a JSON route must say it is JSON: without this, a form or a text body is read as an
 * empty object and a command may half-succeed on defaults. Routes marked `@AcceptsRawBody()`
 * are left to check their own content type.
 */
@Injectable()
export class JsonContentTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !Reflect.getMetadata(ACCEPTS_RAW_BODY, context.getHandler())) {
      const request = context.switchToHttp().getRequest<Request>();
      const type = request.headers['content-type'] ?? '';
      const form = Reflect.getMetadata(ACCEPTS_FORM_BODY_KEY, context.getHandler()) === true && FORM_MEDIA_TYPE.test(type);
      if (hasBody(request) && !JSON_MEDIA_TYPE.test(type) && !form) {
        throw new EdgeException('CUSTOS_INPUT_UNSUPPORTED_MEDIA_TYPE', { contentType: type.slice(0, 100) });
      }
    }
    return next.handle();
  }
}
