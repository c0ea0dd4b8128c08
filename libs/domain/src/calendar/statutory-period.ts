import shipped from './china-statutory-holidays.json';

/** China Standard Time, UTC+8 all year (no daylight saving since 1991). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * China's statutory holidays as the State Council arranges them each year: the days off
 * (法定节假日 and the rest days moved next to them) and the weekend days made working days
 * (调休上班). Dates are Beijing calendar dates, `YYYY-MM-DD`.
 */
export interface HolidayCalendar {
  /** The years the calendar states; outside them only weekends are rest days. */
  readonly years: readonly number[];
  readonly daysOff: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

export interface HolidayCalendarEntry {
  readonly year: number;
  readonly name: string;
  readonly daysOff: readonly string[];
  readonly workdays: readonly string[];
  /** Recalled from the published notice but not checked against its text here. */
  readonly unsure?: boolean;
  /** No notice known yet: the statutory days alone, to be replaced by the arrangement. */
  readonly estimated?: boolean;
}

export interface HolidayCalendarFile {
  readonly source: string;
  readonly years: readonly number[];
  readonly entries: readonly HolidayCalendarEntry[];
}

/** Builds a calendar from its data file's shape; refuses a malformed or inconsistent one. */
export function holidayCalendarOf(file: HolidayCalendarFile): HolidayCalendar {
  const daysOff = new Set<string>();
  const workdays = new Set<string>();
  for (const entry of file.entries) {
    if (!file.years.includes(entry.year)) throw new RangeError(`holiday entry of an undeclared year ${entry.year}`);
    for (const day of entry.daysOff) daysOff.add(checkedDate(day, entry.year));
    for (const day of entry.workdays) workdays.add(checkedDate(day, entry.year));
  }
  for (const day of workdays) {
    if (daysOff.has(day)) throw new RangeError(`${day} is both a day off and a working day`);
  }
  return { years: [...file.years], daysOff, workdays };
}

function checkedDate(day: string, year: number): string {
  const parsed = new Date(`${day}T00:00:00Z`);
  if (!ISO_DATE.test(day) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new RangeError(`not a calendar date: ${day}`);
  }
  // A day off of one year's arrangement may lie in the next (New Year), never further.
  if (Math.abs(parsed.getUTCFullYear() - year) > 1) throw new RangeError(`${day} is far from its year ${year}`);
  return day;
}

/**
 * The calendar the project ships (`china-statutory-holidays.json`, its source and uncertain
 * entries noted in the file). Updating it is editing that file when the State Council
 * publishes next year's arrangement; the unit tests check its form.
 */
export const CHINA_STATUTORY_HOLIDAYS: HolidayCalendar = holidayCalendarOf(shipped as HolidayCalendarFile);

/** The Beijing calendar date of an instant, `YYYY-MM-DD`. */
export function beijingDateOf(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A rest day: a day off of the calendar, or a Saturday or Sunday not made a working day.
 * Weekends count as 法定休假日 for the end of a period (Supreme People's Court practice on
 * Art. 203 of the Civil Code): a period ending on a Sunday ends on Monday.
 */
export function isRestDay(day: string, calendar: HolidayCalendar): boolean {
  if (calendar.daysOff.has(day)) return true;
  if (calendar.workdays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export interface StatutoryDeadline {
  /** The last day of the period (Beijing date), after any move past rest days. */
  readonly lastDay: string;
  /** The first instant that is late: 24:00 Beijing time of the last day. */
  readonly deadline: Date;
  /** Whether the last day was moved past rest days. */
  readonly moved: boolean;
  /** False when a day looked at lies outside the calendar's years (only weekends were known). */
  readonly calendarCovers: boolean;
}

/**
 * The end of a period of `days` days that starts with an event at `from`, counted as Chinese
 * law counts periods (Civil Code Arts. 201 and 203; Administrative Procedure Law practice):
 * the day of the event is not counted, the period runs to 24:00 of its last day, and a last
 * day that is a statutory rest day moves to the first working day after it. Used for the
 * 30 days of a facility change report (R15.1). Dates are Beijing dates, whatever the
 * server's time zone.
 */
export function statutoryPeriodEnd(from: Date, days: number, calendar: HolidayCalendar): StatutoryDeadline {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a period is a whole number of days, got ${days}`);
  const nominal = addDays(beijingDateOf(from), days);
  let lastDay = nominal;
  while (isRestDay(lastDay, calendar)) lastDay = addDays(lastDay, 1);
  const covered = (day: string) => calendar.years.includes(Number(day.slice(0, 4)));
  const deadline = new Date(Date.parse(`${addDays(lastDay, 1)}T00:00:00Z`) - BEIJING_OFFSET_MS);
  return { lastDay, deadline, moved: lastDay !== nominal, calendarCovers: covered(nominal) && covered(lastDay) };
}
