import { Logger } from '@nestjs/common';
import type { AccessDenial, AccessDenialRecorder } from './access-denial';

/**
 * The fallback when a service binds no recorder: denials go to the structured log only. It
 * warns once, because a log is not the audit ledger and a deployment should not rely on it.
 */
export class LoggingAccessDenialRecorder implements AccessDenialRecorder {
  private readonly logger = new Logger('AccessDenial');
  private warned = false;

  async record(denial: AccessDenial): Promise<void> {
    if (!this.warned) {
      this.warned = true;
      this.logger.warn(
        JSON.stringify({ event: 'auth.recorderNotBound', message: 'access denials are logged, not ledgered' }),
      );
    }
    this.logger.warn(JSON.stringify({ event: 'auth.accessDenied', ...denial }));
  }
}
