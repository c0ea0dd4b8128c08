/**
 * Gap detection (ARCHITECTURE.md: a missing sequence number is an alarm, not a silence), as
 * pure decisions over what the log holds. Numbers arrive out of order across partitions, so a
 * hole is only an alarm once it outlived the grace period; it closes when every number of it
 * has arrived.
 */
import { EventEnvelope, LEDGER_SEQUENCE_GAP_CLOSED, LEDGER_SEQUENCE_GAP_DETECTED, payloadIf } from '@custos/contracts';

export interface SequenceRange {
  readonly from: number;
  readonly to: number;
}

export interface MissingRange extends SequenceRange {
  /** When the log first held a number above the range, i.e. since when it is missing. */
  readonly noticedAt: Date;
}

export interface OpenAlarm extends SequenceRange {
  /** The `ledger.SequenceGapDetected` event that raised it. */
  readonly eventId: string;
  readonly detectedAt: Date;
}

export interface SeenSequence {
  readonly sequence: number;
  readonly appendedAt: Date;
}

/**
 * The holes between a service's contiguous prefix and its highest number. `above` holds the
 * numbers past the prefix, ascending; a hole is noticed as soon as any higher number arrived.
 */
export function missingRanges(contiguousThrough: number, above: readonly SeenSequence[]): MissingRange[] {
  const earliestFrom = new Array<Date>(above.length);
  for (let i = above.length - 1; i >= 0; i--) {
    const t = above[i].appendedAt;
    earliestFrom[i] = i + 1 < above.length && earliestFrom[i + 1] < t ? earliestFrom[i + 1] : t;
  }
  const missing: MissingRange[] = [];
  let previous = contiguousThrough;
  above.forEach(({ sequence }, i) => {
    if (sequence > previous + 1) missing.push({ from: previous + 1, to: sequence - 1, noticedAt: earliestFrom[i] });
    previous = Math.max(previous, sequence);
  });
  return missing;
}

function overlaps(a: SequenceRange, b: SequenceRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** `range` minus the `covered` ranges, as ranges. */
function subtract(range: SequenceRange, covered: readonly SequenceRange[]): SequenceRange[] {
  let parts: SequenceRange[] = [range];
  for (const c of covered) {
    parts = parts.flatMap((p) => {
      if (!overlaps(p, c)) return [p];
      const left = c.from > p.from ? [{ from: p.from, to: c.from - 1 }] : [];
      const right = c.to < p.to ? [{ from: c.to + 1, to: p.to }] : [];
      return [...left, ...right];
    });
  }
  return parts;
}

export interface GapDecisions {
  /** Missing past the grace period and not yet alarmed. */
  readonly raise: readonly (SequenceRange & { readonly noticedAt: Date })[];
  /** Alarms none of whose numbers is missing any more. */
  readonly close: readonly OpenAlarm[];
}

export function decideGaps(
  now: Date,
  graceMs: number,
  missing: readonly MissingRange[],
  open: readonly OpenAlarm[],
): GapDecisions {
  const close = open.filter((alarm) => !missing.some((m) => overlaps(m, alarm)));
  const stillOpen = open.filter((alarm) => !close.includes(alarm));
  const raise = missing
    .filter((m) => now.getTime() - m.noticedAt.getTime() >= graceMs)
    .flatMap((m) => subtract(m, stillOpen).map((part) => ({ ...part, noticedAt: m.noticedAt })));
  return { raise, close };
}

/** The open alarms of one service's gap stream. */
export function openAlarms(events: readonly EventEnvelope[]): OpenAlarm[] {
  const open = new Map<string, OpenAlarm>();
  for (const event of events) {
    const detected = payloadIf(event, LEDGER_SEQUENCE_GAP_DETECTED);
    const closed = payloadIf(event, LEDGER_SEQUENCE_GAP_CLOSED);
    if (detected) {
      open.set(event.id, { from: detected.fromSequence, to: detected.toSequence, eventId: event.id, detectedAt: new Date(event.occurredAt) });
    } else if (closed) {
      open.delete(closed.detectedEventId);
    }
  }
  return [...open.values()];
}

export function describeRange(range: SequenceRange): string {
  return range.from === range.to ? `sequence ${range.from}` : `sequences ${range.from}..${range.to}`;
}
