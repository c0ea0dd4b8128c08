/**
 * Group commit: work submitted while a commit is in flight waits and then shares the next
 * transaction, so a durable commit (an fsync) is paid once for many callers. `run` returns one
 * outcome per item; an `Error` outcome rejects that item alone, a thrown error rejects all.
 */
export class GroupCommit<I, O> {
  private readonly queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    private readonly maxBatch = 200,
  ) {}

  submit(item: I): Promise<O> {
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
