import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuthError } from '../errors/auth.errors';
import { ACCESS_DENIAL_RECORDER, AccessDenialRecorder } from './access-denial';
import { accessDenialOf, DeniedRequest } from './access-denial.factory';
import { recordSafely } from './record-safely';

/**
 * Records a refusal where it happens (guard, interceptor) rather than only in an exception
 * filter: a service's own catch-all filter registered with `useGlobalFilters` is consulted
 * before AuthModule's, and must not be able to make denials disappear from the audit trail.
 * One AuthError is recorded once, however many of those places see it.
 */
@Injectable()
export class AccessDenialService {
  private readonly logger = new Logger('AccessDenial');
  private readonly recorded = new WeakSet<AuthError>();

  constructor(@Inject(ACCESS_DENIAL_RECORDER) private readonly recorder: AccessDenialRecorder) {}

  async record(error: AuthError, request: DeniedRequest, response?: unknown): Promise<void> {
    if (this.recorded.has(error)) return;
    this.recorded.add(error);
    await recordSafely(this.recorder, accessDenialOf(error, request, new Date(), response), this.logger);
  }
}
