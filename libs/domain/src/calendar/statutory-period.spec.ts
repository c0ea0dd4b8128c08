import shipped from './china-statutory-holidays.json';
import {
  beijingDateOf,
  CHINA_STATUTORY_HOLIDAYS,
  HolidayCalendarFile,
  holidayCalendarOf,
  isRestDay,
  statutoryPeriodEnd,
} from './statutory-period';

const calendar = CHINA_STATUTORY_HOLIDAYS;
/** An instant at Beijing local time `HH:MM` of `day`. */
const beijing = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

describe('statutoryPeriodEnd: periods counted as Chinese law counts them (R15.1)', () => {
  it('does not count the day of the change: a change on 3 March ends the 30 days at 24:00 on 2 April (R15.1)', () => {
    const end = statutoryPeriodEnd(beijing('2026-03-03'), 30, calendar);
    expect(end).toMatchObject({ lastDay: '2026-04-02', moved: false, calendarCovers: true });
    expect(end.deadline.toISOString()).toBe('2026-04-02T16:00:00.000Z');
  });

  it('counts the change by its Beijing date, whatever the server time zone (R15.1)', () => {
    const lateEvening = beijing('2026-03-02', '23:30');
    const earlyMorning = beijing('2026-03-03', '00:30');
    expect(beijingDateOf(lateEvening)).toBe('2026-03-02');
    expect(beijingDateOf(earlyMorning)).toBe('2026-03-03');
    expect(statutoryPeriodEnd(lateEvening, 30, calendar).lastDay).toBe('2026-04-01');
    expect(statutoryPeriodEnd(earlyMorning, 30, calendar).lastDay).toBe('2026-04-02');
  });

  it('ends at 24:00 of the last day: 23:59:59 Beijing is on time, 24:00 is late (R15.1)', () => {
    const { deadline } = statutoryPeriodEnd(beijing('2026-03-03'), 30, calendar);
    expect(deadline.getTime() - 1000).toBe(beijing('2026-04-02', '23:59').getTime() + 59_000);
    expect(deadline.getTime()).toBe(beijing('2026-04-03', '00:00').getTime());
  });

  it('moves a last day in the Spring Festival holiday to the first working day after it (R15.1)', () => {
    // 30 days after 30 December 2024 is 29 January 2025, in the holiday 28 January – 4 February.
    const end = statutoryPeriodEnd(beijing('2024-12-30'), 30, calendar);
    expect(end).toMatchObject({ lastDay: '2025-02-05', moved: true });
    expect(end.deadline.toISOString()).toBe('2025-02-05T16:00:00.000Z');
  });

  it('moves a last day in the National Day holiday to 9 October 2025 (R15.1)', () => {
    const end = statutoryPeriodEnd(beijing('2025-09-03'), 30, calendar);
    expect(end).toMatchObject({ lastDay: '2025-10-09', moved: true });
  });

  it('moves a last day on a Sunday to the Monday (R15.1)', () => {
    // 30 days after 27 February 2026 is Sunday 29 March.
    expect(statutoryPeriodEnd(beijing('2026-02-27'), 30, calendar)).toMatchObject({ lastDay: '2026-03-30', moved: true });
  });

  it('keeps a last day on a weekend made a working day (调休): Sunday 26 January 2025 (R15.1)', () => {
    expect(isRestDay('2025-01-26', calendar)).toBe(false);
    expect(statutoryPeriodEnd(beijing('2024-12-27'), 30, calendar)).toMatchObject({ lastDay: '2025-01-26', moved: false });
  });

  it('says when the calendar does not cover the last day, and then knows weekends only (R15.1)', () => {
    expect(statutoryPeriodEnd(beijing('2028-03-01'), 30, calendar).calendarCovers).toBe(false);
    expect(statutoryPeriodEnd(beijing('2026-03-01'), 30, calendar).calendarCovers).toBe(true);
  });

  it('refuses a period that is not a whole positive number of days', () => {
    expect(() => statutoryPeriodEnd(beijing('2026-03-01'), 0, calendar)).toThrow(RangeError);
    expect(() => statutoryPeriodEnd(beijing('2026-03-01'), 1.5, calendar)).toThrow(RangeError);
  });
});

describe('the shipped holiday calendar (R15.1)', () => {
  const file = shipped as HolidayCalendarFile;

  it('covers 2025 to 2027 and names its source', () => {
    expect(file.years).toEqual([2025, 2026, 2027]);
    expect(file.source).toMatch(/国办发明电/);
  });

  it('has every year Spring Festival and National Day, and marks every 2027 entry estimated', () => {
    for (const year of file.years) {
      const names = file.entries.filter((e) => e.year === year).map((e) => e.name);
      expect(names.some((n) => n.includes('Spring Festival'))).toBe(true);
      expect(names.some((n) => n.includes('National Day'))).toBe(true);
    }
    expect(file.entries.filter((e) => e.year === 2027).every((e) => e.estimated === true)).toBe(true);
  });

  it('makes only weekend days working days (调休)', () => {
    for (const day of calendar.workdays) expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
  });

  it('refuses a malformed update: a non-date, a day both off and worked, an undeclared year', () => {
    const base = { source: 'test', years: [2026] };
    const entry = { year: 2026, name: 'x', daysOff: ['2026-10-01'], workdays: [] as string[] };
    expect(() => holidayCalendarOf({ ...base, entries: [{ ...entry, daysOff: ['2026-02-30'] }] })).toThrow(RangeError);
    expect(() => holidayCalendarOf({ ...base, entries: [{ ...entry, workdays: ['2026-10-01'] }] })).toThrow(RangeError);
    expect(() => holidayCalendarOf({ ...base, entries: [{ ...entry, year: 2030 }] })).toThrow(RangeError);
  });
});
