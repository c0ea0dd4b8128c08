import { Logger } from '@nestjs/common';

export interface PeriodicTaskOptions {
  /** Names the task in logs. */
  readonly name: string;
  /** The stable code of its failure log line, e.g. `CUSTOS_REQUESTS_EXPIRY_FAILED`. */
  readonly failureCode: string;
  readonly intervalMs: number;
  /** The longest pause after repeated failures (default: 8 × the interval, at most 5 min). */
  readonly maxBackoffMs?: number;
}

/**
 * A background loop that cannot take the process down: each run's failure is caught and logged
 * with its code, the next run waits twice as long (up to `maxBackoffMs`), and the first run that
 * succeeds again returns to the interval. Runs never overlap: the next is scheduled when one ends.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly options: PeriodicTaskOptions,
  ) {
    this.logger = new Logger(options.name);
  }

  start(): void {
    if (!this.stopped || this.options.intervalMs <= 0) return;
    this.stopped = false;
    this.schedule(this.options.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Failed runs since the last one that succeeded. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.nextDelay());
      });
    }, ms);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      await this.work();
      if (this.failures > 0) this.logger.log({ msg: 'recovered', task: this.options.name, after: this.failures });
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.logger.error({
        code: this.options.failureCode,
        task: this.options.name,
        failures: this.failures,
        retryInMs: this.nextDelay(),
        reason: String((error as Error | undefined)?.message ?? error),
      });
    }
  }

  private nextDelay(): number {
    const { intervalMs } = this.options;
    const max = this.options.maxBackoffMs ?? Math.min(intervalMs * 8, 300_000);
    return this.failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** this.failures, Math.max(max, intervalMs));
  }
}
