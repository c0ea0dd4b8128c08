import { EMPTY_ROOT, hashesEqual, leafHash, nodeHash } from './hashing';

describe('RFC 9162 hashing', () => {
  it('gives the empty tree the SHA-256 of the empty string', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('prefixes a leaf with 0x00 so that it cannot pass as a node', () => {
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    const left = leafHash(Buffer.from('a'));
    const right = leafHash(Buffer.from('b'));
    expect(leafHash(Buffer.concat([left, right]))).not.toEqual(nodeHash(left, right));
  });

  it('hashes a node as SHA-256(0x01 || left || right), so order matters', () => {
    const a = leafHash(Buffer.from('a'));
    const b = leafHash(Buffer.from('b'));
    expect(nodeHash(a, b)).not.toEqual(nodeHash(b, a));
  });

  it('treats hashes of different lengths as unequal', () => {
    expect(hashesEqual(EMPTY_ROOT, EMPTY_ROOT.subarray(0, 31))).toBe(false);
    expect(hashesEqual(EMPTY_ROOT, Buffer.from(EMPTY_ROOT))).toBe(true);
  });
});
