import { TileCache } from './tile-cache';

describe('the tile cache', () => {
  it('keeps at most its byte budget, evicting the least recently read first', () => {
    const cache = new TileCache<{ body: Buffer }>(30);
    cache.set('a', { body: Buffer.alloc(10) });
    cache.set('b', { body: Buffer.alloc(10) });
    cache.set('c', { body: Buffer.alloc(10) });
    expect(cache.get('a')).toBeDefined();
    cache.set('d', { body: Buffer.alloc(10) });
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')].every((b) => b !== undefined)).toBe(true);
    expect(cache.usedBytes).toBe(30);
    expect(cache.hits).toBe(4);
    expect(cache.misses).toBe(1);
  });

  it('does not hold a body larger than the whole budget, and counts a replaced body once', () => {
    const cache = new TileCache<{ body: Buffer }>(16);
    cache.set('big', { body: Buffer.alloc(17) });
    expect(cache.size).toBe(0);
    cache.set('x', { body: Buffer.alloc(8) });
    cache.set('x', { body: Buffer.alloc(8) });
    expect(cache.usedBytes).toBe(8);
  });
});
