import { EventEnvelope, LEDGER_SEQUENCE_GAP_CLOSED, LEDGER_SEQUENCE_GAP_DETECTED } from '@custos/contracts';
import { decideGaps, missingRanges, openAlarms, SeenSequence } from './sequence-gaps';

const t = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
const seen = (...pairs: Array<[number, number]>): SeenSequence[] =>
  pairs.map(([sequence, at]) => ({ sequence, appendedAt: t(at) }));

function event(type: string, id: string, payload: Record<string, unknown>): EventEnvelope {
  return { id, type, payload, occurredAt: t(0).toISOString() } as unknown as EventEnvelope;
}

describe('missingRanges', () => {
  it('finds nothing when every number above the prefix is contiguous', () => {
    expect(missingRanges(4, [])).toEqual([]);
  });

  it('names each hole, noticed when the first higher number arrived', () => {
    expect(missingRanges(2, seen([4, 10], [5, 3], [9, 20]))).toEqual([
      { from: 3, to: 3, noticedAt: t(3) },
      { from: 6, to: 8, noticedAt: t(20) },
    ]);
  });
});

describe('decideGaps', () => {
  const grace = 10_000;

  it('waits out the grace period before raising an alarm', () => {
    const missing = [{ from: 5, to: 5, noticedAt: t(0) }];
    expect(decideGaps(t(9), grace, missing, []).raise).toEqual([]);
    expect(decideGaps(t(10), grace, missing, []).raise).toEqual([{ from: 5, to: 5, noticedAt: t(0) }]);
  });

  it('does not raise twice for numbers an open alarm covers, and raises the rest', () => {
    const open = [{ from: 5, to: 7, eventId: 'a', detectedAt: t(10) }];
    const missing = [{ from: 6, to: 9, noticedAt: t(0) }];
    expect(decideGaps(t(30), grace, missing, open)).toEqual({
      raise: [{ from: 8, to: 9, noticedAt: t(0) }],
      close: [],
    });
  });

  it('keeps an alarm open while any of its numbers is missing, and closes it when all arrived', () => {
    const open = [{ from: 5, to: 7, eventId: 'a', detectedAt: t(10) }];
    expect(decideGaps(t(30), grace, [{ from: 7, to: 7, noticedAt: t(0) }], open).close).toEqual([]);
    expect(decideGaps(t(30), grace, [], open).close).toEqual(open);
  });
});

describe('openAlarms', () => {
  it('folds detections and closures of a service gap stream', () => {
    const events = [
      event(LEDGER_SEQUENCE_GAP_DETECTED, 'a', { fromSequence: 3, toSequence: 3 }),
      event(LEDGER_SEQUENCE_GAP_DETECTED, 'b', { fromSequence: 8, toSequence: 9 }),
      event(LEDGER_SEQUENCE_GAP_CLOSED, 'c', { detectedEventId: 'a' }),
    ];
    expect(openAlarms(events)).toEqual([{ from: 8, to: 9, eventId: 'b', detectedAt: t(0) }]);
  });
});
