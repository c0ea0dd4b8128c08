import dayjs, { Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Every instant the console shows is in the organisation's time zone (Beijing time by
 * default), whatever the browser's zone; every local time a person enters is read in that
 * zone and sent to the APIs as UTC ISO-8601.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
let zone = DEFAULT_TIME_ZONE;

export function setTimeZone(next: string): void {
  // dayjs throws a RangeError on an unknown zone; keep the previous one then.
  dayjs().tz(next);
  zone = next;
}

export function getTimeZone(): string {
  return zone;
}

/** `2026-12-04 17:30:00` in the organisation's zone (format overridable). */
export function formatInstant(instant: string | Date | number, format = 'YYYY-MM-DD HH:mm:ss'): string {
  return dayjs(instant).tz(zone).format(format);
}

/** A local wall-clock time in the organisation's zone (`2026-12-04 17:30`) as a UTC ISO string. */
export function localToUtc(local: string): string {
  const parsed = dayjs.tz(local, zone);
  if (!parsed.isValid()) throw new RangeError(`not a local time: ${local}`);
  return parsed.toDate().toISOString();
}

/** For Ant Design pickers: an instant as a Dayjs in the organisation's zone, and back. */
export function toZoned(instant: string | Date): Dayjs {
  return dayjs(instant).tz(zone);
}

export function zonedToUtc(value: Dayjs): string {
  // Reinterpret the picked wall-clock time in the organisation's zone, not the browser's.
  return localToUtc(value.format('YYYY-MM-DDTHH:mm:ss'));
}
