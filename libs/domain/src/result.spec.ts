import { domainError, err, ok } from './result';

describe('Result', () => {
  it('wraps a value as ok and an error as err', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(ok()).toEqual({ ok: true, value: undefined });
    expect(err('no')).toEqual({ ok: false, error: 'no' });
  });

  it('omits details from a domain error that has none, so its JSON stays minimal', () => {
    expect(domainError('CUSTOS_X', 'R1.1', 'reason')).toEqual({
      code: 'CUSTOS_X',
      rule: 'R1.1',
      message: 'reason',
    });
    expect(Object.keys(domainError('CUSTOS_X', 'R1.1', 'reason'))).not.toContain('details');
  });
});
