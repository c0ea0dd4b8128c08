import type { Figures } from './audit';
import { parseOptions, verdict } from './chaos';

const clean = (fault: string): Figures => ({
  fault,
  lifecycles: { acknowledged: 2, completed: 2, stuck: 0 },
  eventsPerService: { requests: 4 },
  leavesPerService: { requests: 4 },
  lost: 0,
  duplicated: 0,
  gaps: 0,
  unexpectedExits: [],
  stuckAt: [],
  duplicates: [],
});

describe('npm run chaos: options and verdict', () => {
  it('runs 200 lifecycles with a 60 s broker cut by default, every count and duration a parameter', () => {
    expect(parseOptions([])).toMatchObject({ lifecycles: 200, brokerCutMs: 60_000, embedded: true });
    expect(parseOptions(['--lifecycles', '10', '--broker-cut-s', '8', '--no-embedded'])).toMatchObject({
      lifecycles: 10,
      brokerCutMs: 8_000,
      embedded: false,
    });
    expect(() => parseOptions(['--lifecycles', 'many'])).toThrow(/--lifecycles needs a number/);
  });

  it('passes only when nothing was lost, duplicated, stuck or left a gap and no service ended by itself', () => {
    expect(verdict([clean('kill -9 registry'), clean('kill -9 of the npm start process group')]).ok).toBe(true);
    for (const bad of [{ lost: 1 }, { duplicated: 1 }, { gaps: 1 }, { unexpectedExits: ['ledger'] }, { lifecycles: { acknowledged: 2, completed: 1, stuck: 1 } }]) {
      const result = verdict([{ ...clean('Postgres restart under load'), ...bad }]);
      expect(result.ok).toBe(false);
      expect(result.summary).toMatch(/^chaos FAILED/);
    }
    expect(verdict([]).ok).toBe(false);
  });
});
