/**
 * A byte-bounded LRU of served tile bodies. A tile's bytes never change once it can be served
 * (a full tile, and a partial one of a given width, cover only complete nodes, which are
 * immutable in an honest log), so an entry never goes stale: eviction is by size alone. Map
 * iteration order gives the LRU (a hit is re-inserted at the end, the oldest goes first).
 */
export class TileCache<V extends { readonly body: Buffer }> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly capacityBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (value.body.length > this.capacityBytes) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.bytes -= previous.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.bytes += value.body.length;
    while (this.bytes > this.capacityBytes) {
      const [oldest, evicted] = this.entries.entries().next().value as [string, V];
      this.entries.delete(oldest);
      this.bytes -= evicted.body.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
