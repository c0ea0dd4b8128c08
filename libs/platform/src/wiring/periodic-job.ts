import { Logger } from '@nestjs/common';

/**
 * A service's background pass run every `intervalMs` (0: never): one run at a time (a slow
 * pass is not stacked on), a failure logged and retried at the next tick, the timer never
 * keeping the process alive, and `stop()` waiting for a pass under way, so the pool it uses
 * is closed after it.
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly what: string,
    private readonly pass: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.pass()
        .catch((error: unknown) =>
          this.logger.warn({ msg: `${this.what} failed`, reason: String((error as Error)?.message ?? error) }),
        )
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
