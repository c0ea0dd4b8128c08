import { DAY_MS, SECOND_MS } from '../shared/time-window';
import { assertDirectAccessGrantPeriod, assertFootageWindow, windowWithinRetentionFloor } from './request-window';

const now = new Date('2026-02-15T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const hence = (ms: number) => new Date(now.getTime() + ms);
const codeOf = (result: { ok: boolean; error?: { code: string } }) =>
  result.ok ? 'OK' : result.error?.code;

describe('assertFootageWindow (R18.4, R16.7)', () => {
  it('accepts a past window', () => {
    expect(assertFootageWindow({ from: ago(2 * DAY_MS), to: ago(DAY_MS) }, now).ok).toBe(true);
  });

  it('accepts a window ending exactly now', () => {
    expect(assertFootageWindow({ from: ago(DAY_MS), to: now }, now).ok).toBe(true);
  });

  it('refuses a window that starts when it ends (R18.4)', () => {
    expect(codeOf(assertFootageWindow({ from: ago(DAY_MS), to: ago(DAY_MS) }, now))).toBe(
      'CUSTOS_INPUT_WINDOW_EMPTY',
    );
  });

  it('refuses a window that ends before it starts (R18.4)', () => {
    expect(codeOf(assertFootageWindow({ from: ago(DAY_MS), to: ago(2 * DAY_MS) }, now))).toBe(
      'CUSTOS_INPUT_WINDOW_EMPTY',
    );
  });

  it('refuses a window reaching one second into the future (R18.4)', () => {
    expect(codeOf(assertFootageWindow({ from: ago(DAY_MS), to: hence(SECOND_MS) }, now))).toBe(
      'CUSTOS_INPUT_WINDOW_IN_FUTURE',
    );
  });

  it('accepts a window of footage older than 30 days: retention is a floor, not a cut-off (R16.7)', () => {
    expect(assertFootageWindow({ from: ago(30 * DAY_MS + SECOND_MS), to: ago(DAY_MS) }, now).ok).toBe(true);
    expect(assertFootageWindow({ from: ago(400 * DAY_MS), to: ago(399 * DAY_MS) }, now).ok).toBe(true);
  });
});

describe('windowWithinRetentionFloor (R16.7)', () => {
  it('holds for a window starting exactly 30 days ago (R16.7)', () => {
    expect(windowWithinRetentionFloor({ from: ago(30 * DAY_MS), to: ago(DAY_MS) }, now)).toBe(true);
  });

  it('does not hold for a window starting 30 days and 1 second ago under the legal minimum (R16.7)', () => {
    expect(windowWithinRetentionFloor({ from: ago(30 * DAY_MS + SECOND_MS), to: ago(DAY_MS) }, now)).toBe(false);
  });

  it('holds for an older window when the system keeps footage longer (R16.7)', () => {
    expect(windowWithinRetentionFloor({ from: ago(80 * DAY_MS), to: ago(79 * DAY_MS) }, now, 90)).toBe(true);
  });

  it('counts a retention below 30 days as the 30-day floor (R16.7)', () => {
    expect(windowWithinRetentionFloor({ from: ago(20 * DAY_MS), to: ago(DAY_MS) }, now, 7)).toBe(true);
  });
});

describe('assertDirectAccessGrantPeriod (R17.4)', () => {
  const max = 7 * DAY_MS;

  it('accepts a grant from now for the maximum duration (R17.4)', () => {
    expect(assertDirectAccessGrantPeriod({ from: now, to: hence(max) }, now, max).ok).toBe(true);
  });

  it('refuses a grant one second longer than the maximum (R17.4)', () => {
    expect(
      codeOf(assertDirectAccessGrantPeriod({ from: now, to: hence(max + SECOND_MS) }, now, max)),
    ).toBe('CUSTOS_R17_4_GRANT_TOO_LONG');
  });

  it('refuses a grant that has already ended (R17.4)', () => {
    expect(
      codeOf(assertDirectAccessGrantPeriod({ from: ago(2 * DAY_MS), to: now }, now, max)),
    ).toBe('CUSTOS_R17_4_GRANT_ALREADY_ENDED');
  });

  it('refuses an empty grant period (R18.4)', () => {
    expect(
      codeOf(assertDirectAccessGrantPeriod({ from: hence(DAY_MS), to: hence(DAY_MS) }, now, max)),
    ).toBe('CUSTOS_INPUT_WINDOW_EMPTY');
  });
});
