import { DEFAULT_FULFILMENT_DEADLINE_MS, fulfilmentDeadline, fulfilmentEscalationDue, isFulfilmentOverdue } from './fulfilment-deadline';

const HOUR = 60 * 60 * 1000;
const ready = new Date('2026-03-02T08:00:00Z');
const at = (hours: number) => new Date(ready.getTime() + hours * HOUR);
const owed = { kind: 'COPY' as const, readySince: ready, fulfilled: false, stillOwed: true, alreadyEscalated: false };

describe('the fulfilment deadline and its escalation (R16.5)', () => {
  it('gives a view 24 hours and a copy or retrieval 72 hours by default (R16.5)', () => {
    expect(fulfilmentDeadline('VIEW', ready, DEFAULT_FULFILMENT_DEADLINE_MS)).toEqual(at(24));
    expect(fulfilmentDeadline('COPY', ready, DEFAULT_FULFILMENT_DEADLINE_MS)).toEqual(at(72));
    expect(fulfilmentDeadline('RETRIEVE', ready, { VIEW: HOUR, COPY: HOUR, RETRIEVE: 5 * HOUR })).toEqual(at(5));
  });

  it('counts the deadline itself as overdue, a millisecond before as not (R16.5)', () => {
    expect(isFulfilmentOverdue(at(72), at(72))).toBe(true);
    expect(isFulfilmentOverdue(at(72), new Date(at(72).getTime() - 1))).toBe(false);
  });

  it('escalates an unfulfilled request once its deadline has passed, naming the deadline missed (R16.5)', () => {
    expect(fulfilmentEscalationDue(owed, at(71))).toBeNull();
    expect(fulfilmentEscalationDue(owed, at(72))).toEqual(at(72));
    expect(fulfilmentEscalationDue({ ...owed, kind: 'VIEW' }, at(30))).toEqual(at(24));
  });

  it('does not escalate a fulfilled request, one no longer owed, or one already escalated (R16.5)', () => {
    expect(fulfilmentEscalationDue({ ...owed, fulfilled: true }, at(100))).toBeNull();
    expect(fulfilmentEscalationDue({ ...owed, stillOwed: false }, at(100))).toBeNull();
    expect(fulfilmentEscalationDue({ ...owed, alreadyEscalated: true }, at(100))).toBeNull();
  });

  it("uses the deployment's configured time per kind (R16.5)", () => {
    expect(fulfilmentEscalationDue(owed, at(2), { VIEW: HOUR, COPY: 2 * HOUR, RETRIEVE: HOUR })).toEqual(at(2));
  });
});
