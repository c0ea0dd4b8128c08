import type { LoggerService } from '@nestjs/common';
import type { AccessDenial, AccessDenialRecorder } from './access-denial';

/** Long enough for a local database write; short enough that a stuck store cannot hang clients. */
export const DENIAL_RECORD_TIMEOUT_MS = 2000;

/**
 * Writes a denial without ever failing or hanging the refusal itself: the caller is refused
 * either way, and a recorder outage must not turn a coded 401/403 into a 500. A lost record is
 * logged so that operators can see the gap.
 */
export async function recordSafely(
  recorder: AccessDenialRecorder,
  denial: AccessDenial,
  logger: LoggerService,
  timeoutMs = DENIAL_RECORD_TIMEOUT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`recorder did not answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([Promise.resolve().then(() => recorder.record(denial)), timeout]);
  } catch (error) {
    logger.error(
      JSON.stringify({
        event: 'auth.denialNotRecorded',
        code: denial.code,
        path: denial.path,
        correlationId: denial.correlationId,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  } finally {
    clearTimeout(timer);
  }
}
