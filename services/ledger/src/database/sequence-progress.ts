/**
 * How far each service's sequence numbers have arrived without a hole. The appender keeps it
 * in the same transaction as the leaves, so gap detection reads it instead of scanning the log.
 */
export interface ServiceProgress {
  /** Every number 1..contiguousThrough is in the log. */
  contiguousThrough: number;
  highestSeen: number;
  /** Numbers above contiguousThrough already in the log (few, unless a gap stays open). */
  readonly above: Set<number>;
}

export class SequenceProgress {
  private readonly byService = new Map<string, ServiceProgress>();

  set(service: string, progress: ServiceProgress): void {
    this.byService.set(service, progress);
  }

  /** Records `sequence` of `service`; true when the service's progress changed. */
  record(service: string, sequence: number): boolean {
    let p = this.byService.get(service);
    if (p === undefined) {
      p = { contiguousThrough: 0, highestSeen: 0, above: new Set() };
      this.byService.set(service, p);
    }
    if (sequence <= p.contiguousThrough || p.above.has(sequence)) return false;
    p.highestSeen = Math.max(p.highestSeen, sequence);
    // The usual case, the next number with no hole open: no set to keep (a batch's every leaf).
    if (sequence === p.contiguousThrough + 1 && p.above.size === 0) {
      p.contiguousThrough = sequence;
      return true;
    }
    p.above.add(sequence);
    while (p.above.delete(p.contiguousThrough + 1)) p.contiguousThrough++;
    return true;
  }

  get(service: string): ServiceProgress | undefined {
    return this.byService.get(service);
  }
}
