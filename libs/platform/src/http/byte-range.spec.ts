import { contentRangeOf, parseByteRange } from './byte-range';

describe('parseByteRange (RFC 9110 single ranges)', () => {
  it.each([
    [undefined, { kind: 'absent' }],
    ['', { kind: 'absent' }],
    ['bytes=0-0', { kind: 'range', start: 0, end: 0 }],
    ['bytes=0-99', { kind: 'range', start: 0, end: 99 }],
    ['bytes=10-', { kind: 'range', start: 10, end: 999 }],
    ['bytes=990-5000', { kind: 'range', start: 990, end: 999 }],
    ['bytes=-100', { kind: 'range', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'range', start: 0, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-4', { kind: 'malformed' }],
    ['bytes=-', { kind: 'malformed' }],
    ['bytes=0-1,5-6', { kind: 'malformed' }],
    ['items=0-1', { kind: 'malformed' }],
    ['bytes=a-b', { kind: 'malformed' }],
    ['bytes=0-99999999999999999999', { kind: 'malformed' }],
  ])('%s of 1000 bytes → %j', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it('writes the Content-Range of a partial answer', () => {
    expect(contentRangeOf({ start: 0, end: 99 }, 1000)).toBe('bytes 0-99/1000');
  });
});
