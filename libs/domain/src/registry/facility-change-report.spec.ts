import { DAY_MS, SECOND_MS } from '../shared/time-window';
import { reportLateness } from './facility-change-report';

const changedAt = new Date('2026-01-10T08:00:00Z');
const after = (ms: number) => new Date(changedAt.getTime() + ms);

describe('reportLateness (R15.1)', () => {
  it('is on time when reported 30 days minus 1 second after the change (R15.1)', () => {
    expect(reportLateness(changedAt, after(30 * DAY_MS - SECOND_MS))).toEqual({
      ok: true,
      value: { late: false },
    });
  });

  it('is on time when reported exactly 30 days after the change (R15.1)', () => {
    expect(reportLateness(changedAt, after(30 * DAY_MS))).toEqual({
      ok: true,
      value: { late: false },
    });
  });

  it('is late, with a finding, when reported 30 days plus 1 second after the change (R15.1)', () => {
    const result = reportLateness(changedAt, after(30 * DAY_MS + SECOND_MS));
    expect(result.ok && result.value).toMatchObject({
      late: true,
      overdueMs: SECOND_MS,
      finding: { code: 'CUSTOS_R15_1_LATE_REPORT', rule: 'R15.1' },
    });
  });

  it('is on time when reported at the instant of the change (R15.1)', () => {
    expect(reportLateness(changedAt, changedAt)).toEqual({ ok: true, value: { late: false } });
  });

  it('refuses a report dated before the change (R15.1)', () => {
    const result = reportLateness(changedAt, after(-SECOND_MS));
    expect(!result.ok && result.error.code).toBe('CUSTOS_R15_1_REPORT_BEFORE_CHANGE');
  });
});
