import fc from 'fast-check';
import { decodeBase64Strict, decodeBase64StrictInto, encodeBase64HashInto } from './base64';

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

describe('decodeBase64StrictInto', () => {
  const into = (text: string) => {
    const target = Buffer.alloc(text.length + 8);
    const n = decodeBase64StrictInto(text, target, 3);
    return n < 0 ? undefined : target.subarray(3, 3 + n);
  };

  it('agrees with decodeBase64Strict on canonical text, its near misses and noise', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.nat(),
        fc.constantFrom('', '=', '-', '_', ' ', '\n', 'A', '==', '*', '\\', 'é'),
        fc.boolean(),
        (bytes, at, insert, replace) => {
          const canonical = Buffer.from(bytes).toString('base64');
          const i = canonical.length === 0 ? 0 : at % canonical.length;
          const text = canonical.slice(0, i) + insert + canonical.slice(replace ? i + 1 : i);
          expect(into(text)).toEqual(decodeBase64Strict(text));
          expect(into(canonical)).toEqual(Buffer.from(bytes));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses a target too small, without writing past it', () => {
    const target = Buffer.alloc(4, 7);
    expect(decodeBase64StrictInto('AAAAAAAA', target, 0)).toBe(-1);
  });

  it.each(['AA', '-_8=', 'AA AA', 'AAAA\n', 'AB==', 'AA==AAAA', 'A===', '===='])('refuses %j', (text) => {
    expect(decodeBase64StrictInto(text, Buffer.alloc(16), 0)).toBe(-1);
  });
});

describe('encodeBase64HashInto', () => {
  it("spells a 32-byte hash as Node's encoder does, writing only its 44 bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat(8), (hash, at) => {
        const padded = Buffer.concat([Buffer.alloc(at, 7), hash]);
        const out = Buffer.alloc(at + 46, 0xee);
        encodeBase64HashInto(padded, at, out, at + 1);
        expect(out.toString('latin1', at + 1, at + 45)).toBe(Buffer.from(hash).toString('base64'));
        expect([out[at], out[at + 45]]).toEqual([0xee, 0xee]);
      }),
    );
  });
});
