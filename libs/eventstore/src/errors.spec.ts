import { concurrencyConflict, retryOnConflict } from './errors';

describe('retryOnConflict', () => {
  it('decides again after a lost race and returns the first attempt that saves', async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls += 1;
      if (calls < 3) throw concurrencyConflict('a-1', calls, calls + 1);
      return 'saved';
    });
    expect([result, calls]).toEqual(['saved', 3]);
  });

  it('gives the conflict to the caller after the last attempt', async () => {
    let calls = 0;
    const attempt = retryOnConflict(async () => {
      calls += 1;
      throw concurrencyConflict('a-1', 1, 2);
    }, 2);
    await expect(attempt).rejects.toMatchObject({ code: 'CUSTOS_ES_CONCURRENCY_CONFLICT', status: 409 });
    expect(calls).toBe(2);
  });

  it('decides again when Postgres chose the attempt as a deadlock victim (40P01)', async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'saved';
    });
    expect([result, calls]).toEqual(['saved', 2]);
  });

  it('never repeats an attempt that failed otherwise (a refusal, a broken connection)', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(async () => {
        calls += 1;
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });
});
