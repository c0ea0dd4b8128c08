/** Most items waiting for a commit before new ones are refused (issue 16: a flood must not grow memory without end). */
export const DEFAULT_MAX_QUEUED = 10_000;

/**
 * Group commit: work submitted while a commit is in flight waits and then shares the next
 * transaction, so a durable commit (an fsync) is paid once for many callers. `run` returns one
 * outcome per item; an `Error` outcome rejects that item alone, a thrown error rejects all.
 * The queue is bounded: past `maxQueued` waiting items, `submit` rejects at once with
 * `whenFull()`, so that a flood of writes answers "busy" instead of queueing without end.
 */
export class GroupCommit<I, O> {
  private readonly queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    private readonly maxBatch = 200,
    private readonly maxQueued = DEFAULT_MAX_QUEUED,
    private readonly whenFull: () => Error = () => new Error(`group commit queue full (${maxQueued} waiting)`),
  ) {}

  /** Items waiting for a commit (not counting the batch in flight). */
  get queued(): number {
    return this.queue.length;
  }

  submit(item: I): Promise<O> {
    if (this.queue.length >= this.maxQueued) return Promise.reject(this.whenFull());
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const outcomes = await this.run(batch.map((b) => b.item));
        outcomes.forEach((o, i) => (o instanceof Error ? batch[i].reject(o) : batch[i].resolve(o)));
      } catch (error) {
        batch.forEach((b) => b.reject(error));
      }
    }
    this.flushing = false;
  }
}
