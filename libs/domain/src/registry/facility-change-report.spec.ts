import { CHINA_STATUTORY_HOLIDAYS } from '../calendar/statutory-period';
import { facilityChangeReportDuty, facilityChangeReportTiming } from './facility-change-report';

const beijing = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);
const timing = (categories: Parameters<typeof facilityChangeReportDuty>[0], changedAt: Date, reportedAt: Date) =>
  facilityChangeReportTiming(categories, changedAt, reportedAt, CHINA_STATUTORY_HOLIDAYS);
const MALL = ['HOTELS_MALLS_VENUES_RESIDENTIAL'] as const;

describe('facility change reports (R15.1)', () => {
  it('binds only systems installed under Article 7, not voluntary ones (R15.1)', () => {
    expect(facilityChangeReportDuty(MALL)).toBe('ARTICLE_7');
    expect(facilityChangeReportDuty(['VOLUNTARY'])).toBe('NONE');
    expect(facilityChangeReportDuty(['VOLUNTARY', 'WATER_WORKS'])).toBe('ARTICLE_7');
  });

  it('is on time at 23:59:59 Beijing of the 30th day after the change (R15.1)', () => {
    const result = timing(MALL, beijing('2026-03-03'), new Date(beijing('2026-04-03', '00:00').getTime() - 1000));
    expect(result).toMatchObject({ duty: 'ARTICLE_7', late: false, lastDay: '2026-04-02', planned: false });
  });

  it('is late, with a finding, from 24:00 Beijing of the 30th day (R15.1, R24.1)', () => {
    const result = timing(MALL, beijing('2026-03-03'), beijing('2026-04-03', '00:00'));
    expect(result).toMatchObject({ late: true, finding: { code: 'CUSTOS_R15_1_LATE_REPORT', rule: 'R15.1' } });
  });

  it('gives the owner until the working day after the National Day holiday (R15.1)', () => {
    const changedAt = beijing('2025-09-03');
    expect(timing(MALL, changedAt, beijing('2025-10-09', '18:00'))).toMatchObject({ late: false, lastDay: '2025-10-09' });
    expect(timing(MALL, changedAt, beijing('2025-10-10', '09:00')).late).toBe(true);
  });

  it('never finds a voluntary system late, however long after (R15.1)', () => {
    const result = timing(['VOLUNTARY'], beijing('2025-01-01'), beijing('2026-01-01'));
    expect(result).toEqual({ duty: 'NONE', planned: false, late: false });
  });

  it('accepts a report before a planned change, on time (R15.1)', () => {
    const result = timing(MALL, beijing('2026-05-10'), beijing('2026-05-01'));
    expect(result).toMatchObject({ planned: true, late: false, lastDay: '2026-06-09' });
  });
});
