import { partSizeOf } from './s3-part-upload';

const MIB = 1024 * 1024;

describe('partSizeOf', () => {
  it('keeps the configured size for the first thousand parts, so memory is constant up to 7.8 GiB at 8 MiB', () => {
    expect([1, 2, 1000].map((n) => partSizeOf(n, 8 * MIB))).toEqual([8 * MIB, 8 * MIB, 8 * MIB]);
  });

  it('grows by one part size every thousand parts, so 10 000 parts hold 430 GiB at 8 MiB', () => {
    expect([1001, 2000, 2001, 10_000].map((n) => partSizeOf(n, 8 * MIB) / MIB)).toEqual([16, 16, 24, 80]);
    let total = 0;
    for (let n = 1; n <= 10_000; n++) total += partSizeOf(n, 8 * MIB);
    expect(total / (1024 * MIB)).toBeCloseTo(429.7, 1);
  });
});
