interface Waiting<T> {
  readonly items: readonly T[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: deliveries that arrive while a transaction is being written wait and go
 * together into the next one, so batches delivered side by side (several partitions and
 * topics) cost one transaction, and a lone delivery is written at once (no timer, no added
 * latency). Each caller's promise settles when its own items are durable, so the bus
 * acknowledges nothing that is not yet written.
 */
export class GroupCommit<T> {
  private queue: Waiting<T>[] = [];
  private flushing = false;

  constructor(
    private readonly write: (items: readonly T[]) => Promise<void>,
    /** Deliveries are joined while the total stays within this; a larger one goes alone. */
    private readonly maxItems: number,
  ) {}

  submit(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const group = this.takeGroup();
      try {
        await this.write(group.flatMap((w) => w.items));
        group.forEach((w) => w.resolve());
      } catch (error) {
        group.forEach((w) => w.reject(error));
      }
    }
    this.flushing = false;
  }

  private takeGroup(): Waiting<T>[] {
    let total = this.queue[0].items.length;
    let count = 1;
    while (count < this.queue.length && total + this.queue[count].items.length <= this.maxItems) {
      total += this.queue[count].items.length;
      count++;
    }
    return this.queue.splice(0, count);
  }
}
