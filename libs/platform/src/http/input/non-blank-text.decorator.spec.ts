import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { NonBlankText } from './non-blank-text.decorator';

class Reasoned {
  @NonBlankText(10, 'why')
  reason!: string;

  @NonBlankText(5, undefined, { optional: true })
  basis?: string;
}

const failures = (body: object) =>
  validateSync(plainToInstance(Reasoned, body)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('NonBlankText (a text a person writes, R26.1)', () => {
  it('accepts a text within its limit, the optional one left out', () => {
    expect(failures({ reason: 'no grounds' })).toEqual([]);
  });

  it('refuses a blank, empty, too long or missing text, naming the property', () => {
    expect(failures({ reason: '   ' })).toEqual(['reason must not be blank']);
    expect(failures({ reason: '' })).toContain('reason must be longer than or equal to 1 characters');
    expect(failures({ reason: 'x'.repeat(11) })).toEqual(['reason must be shorter than or equal to 10 characters']);
    expect(failures({})).toContain('reason must be a string');
  });

  it('lets the optional text be left out but never sent blank', () => {
    expect(failures({ reason: 'ok', basis: ' ' })).toEqual(['basis must not be blank']);
  });
});
