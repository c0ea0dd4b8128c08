import { decodeBase64Strict } from './base64';

describe('decodeBase64Strict', () => {
  it('decodes standard padded base64', () => {
    expect(decodeBase64Strict('AAEC')).toEqual(Buffer.from([0, 1, 2]));
    expect(decodeBase64Strict('AA==')).toEqual(Buffer.from([0]));
    expect(decodeBase64Strict('')).toEqual(Buffer.alloc(0));
  });

  it.each([
    ['missing padding', 'AA'],
    ['URL-safe alphabet', '-_8='],
    ['embedded whitespace', 'AA AA'],
    ['trailing newline', 'AAAA\n'],
    ['non-zero padding bits', 'AB=='],
    ['padding in the middle', 'AA==AAAA'],
  ])('refuses %s', (_label, text) => {
    expect(decodeBase64Strict(text)).toBeUndefined();
  });
});
