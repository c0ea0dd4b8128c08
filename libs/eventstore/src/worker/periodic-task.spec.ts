import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask: a background loop that cannot end the process (issue 14)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  const tick = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
  };

  it('catches a failing run, logs it with its code, backs off and returns to the interval once it succeeds', async () => {
    let failing = true;
    const runs: number[] = [];
    const task = new PeriodicTask(
      async () => {
        runs.push(Date.now());
        if (failing) throw new Error('Connection terminated unexpectedly');
      },
      { name: 'Test', failureCode: 'CUSTOS_TEST_FAILED', intervalMs: 100, maxBackoffMs: 400 },
    );
    const start = Date.now();
    task.start();
    await tick(100 + 200 + 400 + 400);
    expect(runs.map((t) => t - start)).toEqual([100, 300, 700, 1100]);
    expect(task.consecutiveFailures).toBe(4);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'CUSTOS_TEST_FAILED', task: 'Test', failures: 1, retryInMs: 200, reason: 'Connection terminated unexpectedly' }),
    );
    failing = false;
    await tick(400 + 100 + 100);
    expect(task.consecutiveFailures).toBe(0);
    expect(runs.map((t) => t - start).slice(4)).toEqual([1500, 1600, 1700]);
    await task.stop();
    await tick(1000);
    expect(runs).toHaveLength(7);
  });

  it('never overlaps two runs, and stop waits for the one in flight', async () => {
    let active = 0;
    let most = 0;
    const task = new PeriodicTask(
      async () => {
        most = Math.max(most, ++active);
        await new Promise((r) => setTimeout(r, 250));
        active--;
      },
      { name: 'Slow', failureCode: 'CUSTOS_TEST_FAILED', intervalMs: 50 },
    );
    task.start();
    await tick(1000);
    const stopped = task.stop();
    await tick(300);
    await stopped;
    expect(most).toBe(1);
    expect(active).toBe(0);
  });
});
