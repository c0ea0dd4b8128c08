import { assertValidKey, DAY_MS, OriginalExistsError, PutOptions } from './footage-store.port';
import { lockDaysFor, requireRetentionDays } from './retention-policy';

/** What every footage store is configured with: the retention floor (R16.7) and, for tests, a clock. */
export interface WriteOnceStoreOptions {
  readonly retentionDays: number;
  readonly clock?: () => Date;
}

/**
 * What the write-once stores (local disk, S3 with Object Lock) share: a retention of at least
 * 30 days or no store at all (R16.7), and the admission of a new original — a valid key not yet
 * held, refused before a byte is read (R16.3) — with the days it is locked for.
 */
export abstract class WriteOnceFootageStore {
  readonly retentionDays: number;
  protected readonly clock: () => Date;

  protected constructor(options: WriteOnceStoreOptions) {
    this.retentionDays = requireRetentionDays(options.retentionDays);
    this.clock = options.clock ?? (() => new Date());
  }

  abstract exists(key: string): Promise<boolean>;

  /** Admits `key` as a new original and answers the days it is to be locked for (R16.3, R16.7). */
  protected async admitOriginal(key: string, options: PutOptions): Promise<number> {
    assertValidKey(key);
    const lockDays = lockDaysFor(this.retentionDays, options.retentionDays);
    if (await this.exists(key)) throw new OriginalExistsError(key);
    return lockDays;
  }

  /** The end of a retention of `days` from `from` (now). */
  protected retainUntil(days: number, from: Date = this.clock()): Date {
    return new Date(from.getTime() + days * DAY_MS);
  }
}
