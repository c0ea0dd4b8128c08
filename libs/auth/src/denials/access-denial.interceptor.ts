import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuthError } from '../errors/auth.errors';
import type { DeniedRequest } from './access-denial.factory';
import { AccessDenialService } from './access-denial.service';

/**
 * Records the refusals thrown inside a handler (`assertJurisdiction`, `assertOrganisation`,
 * `@CurrentPrincipal()`), which only become known after the resource is loaded.
 */
@Injectable()
export class AccessDenialInterceptor implements NestInterceptor {
  constructor(private readonly denials: AccessDenialService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof AuthError)) return throwError(() => error);
        return from(this.denials.record(error, http.getRequest<DeniedRequest>(), http.getResponse())).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }
}
