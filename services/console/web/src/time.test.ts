import { afterEach, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { DEFAULT_TIME_ZONE, formatInstant, getTimeZone, localToUtc, setTimeZone, toZoned, zonedToUtc } from './time';

describe('time in the organisation’s zone', () => {
  afterEach(() => setTimeZone(DEFAULT_TIME_ZONE));

  it('shows a UTC instant in Beijing time by default, whatever the process zone', () => {
    expect(getTimeZone()).toBe('Asia/Shanghai');
    expect(formatInstant('2026-12-04T16:30:00Z')).toBe('2026-12-05 00:30:00');
    expect(formatInstant(Date.UTC(2026, 0, 1, 0, 0, 0), 'YYYY-MM-DD HH:mm')).toBe('2026-01-01 08:00');
  });

  it('reads a local time entered by a person as Beijing time and sends UTC', () => {
    expect(localToUtc('2026-12-05 00:30')).toBe('2026-12-04T16:30:00.000Z');
    expect(zonedToUtc(toZoned('2026-12-04T16:30:00Z'))).toBe('2026-12-04T16:30:00.000Z');
    // A picker's value made in the browser's zone keeps its wall-clock time.
    expect(zonedToUtc(dayjs('2026-03-01T09:00:00'))).toBe('2026-03-01T01:00:00.000Z');
  });

  it('follows another configured zone and refuses an unknown one', () => {
    setTimeZone('Europe/Berlin');
    expect(formatInstant('2026-07-01T12:00:00Z', 'HH:mm')).toBe('14:00');
    expect(() => setTimeZone('Mars/Olympus')).toThrow();
    expect(getTimeZone()).toBe('Europe/Berlin');
  });

  it('shows the same wall-clock time as dayjs-timezone, across a daylight-saving change, with the locale kept', () => {
    setTimeZone('Europe/Berlin');
    for (const iso of ['2026-03-29T00:59:59.500Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-12-31T23:59:59Z']) {
      expect(formatInstant(iso, 'YYYY-MM-DD HH:mm:ss.SSS')).toBe(dayjs(iso).tz('Europe/Berlin').format('YYYY-MM-DD HH:mm:ss.SSS'));
    }
    dayjs.locale('zh-cn');
    expect(formatInstant('2026-12-04T16:30:00Z', 'YYYY年MM月DD日 dddd')).toBe('2026年12月04日 星期五');
    dayjs.locale('en');
  });

  it('refuses text that is not a time', () => {
    expect(() => localToUtc('yesterday-ish')).toThrow(RangeError);
  });
});
