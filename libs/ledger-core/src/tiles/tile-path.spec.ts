import { bundlePath, encodeTileIndex, parseTilePath, tilePath } from './tile-path';

describe('C2SP tile paths', () => {
  it("writes the index as 3-digit groups, all but the last prefixed with x (as the spec's example)", () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 5, width: 17 })).toBe('tile/2/005.p/17');
    expect(bundlePath({ index: 1234, width: 112 })).toBe('tile/entries/x001/234.p/112');
  });

  it('reads back what it writes, for hash tiles and entry bundles', () => {
    for (const index of [0, 7, 999, 1000, 1234067, 2 ** 40 + 3]) {
      for (const width of [1, 255, 256]) {
        expect(parseTilePath(tilePath({ level: 3, index, width }))).toEqual({
          ok: true,
          value: { kind: 'hashes', tile: { level: 3, index, width } },
        });
        expect(parseTilePath(bundlePath({ index, width }))).toEqual({
          ok: true,
          value: { kind: 'entries', bundle: { index, width } },
        });
      }
    }
  });

  it.each([
    'tile/0/1',
    'tile/0/0001',
    'tile/0/x000/001',
    'tile/0/001/234',
    'tile/00/001',
    'tile/64/001',
    'tile/-1/001',
    'tile/0/001.p/0',
    'tile/0/001.p/256',
    'tile/0/001.p/05',
    'tile/0/001.p/',
    'tile/data/001',
    'tiles/0/001',
    'tile/0',
    'tile/entries/x1/001',
  ])('refuses the non-canonical or malformed path %s', (path) => {
    expect(parseTilePath(path)).toMatchObject({ ok: false, error: { code: 'TILE_PATH_MALFORMED' } });
  });
});
