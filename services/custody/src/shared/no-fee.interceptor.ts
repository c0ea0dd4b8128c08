import { refuse } from '@custos/platform';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { domainErrorOf } from '@custos/domain';
import { Observable } from 'rxjs';

const FEE_FIELD = /fee|charge|price|cost|amount|payment/i;

/**
 * No fee anywhere in custody (R17.5): a request body that carries any fee-like field, at any
 * depth and whatever its value, is refused with the R17.5 code before validation, so the
 * answer names the rule rather than an unknown property.
 */
@Injectable()
export class NoFeeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    const found = feeFieldIn(body, '', 0);
    if (found) refuse(domainErrorOf('CUSTOS_R17_5_FEE_FORBIDDEN', { field: found.path, amount: found.value }));
    return next.handle();
  }
}

function feeFieldIn(value: unknown, path: string, depth: number): { path: string; value: unknown } | undefined {
  if (depth > 8 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    // The approval document is signed as issued and carries no fee field by construction.
    if (here === 'approval') continue;
    if (FEE_FIELD.test(key)) return { path: here, value: typeof inner === 'object' ? '[object]' : inner };
    const nested = feeFieldIn(inner, here, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}
