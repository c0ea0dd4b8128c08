import { GroupCommit } from './group-commit';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('GroupCommit', () => {
  it('writes a lone delivery at once, and joins deliveries that arrive meanwhile into one write', async () => {
    const writes: number[][] = [];
    const gates = [deferred(), deferred()];
    const group = new GroupCommit<number>(async (items) => {
      writes.push([...items]);
      await gates[writes.length - 1].promise;
    }, 100);
    const first = group.submit([1]);
    const second = group.submit([2, 3]);
    const third = group.submit([4]);
    expect(writes).toEqual([[1]]);
    gates[0].resolve();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([[1], [2, 3, 4]]);
    gates[1].resolve();
    await Promise.all([second, third]);
  });

  it('keeps a write within the item limit, but never splits one delivery', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const group = new GroupCommit<number>(async (items) => {
      writes.push([...items]);
      if (writes.length === 1) await held;
    }, 3);
    const all = [group.submit([0]), group.submit([1, 2]), group.submit([3, 4]), group.submit([5, 6, 7, 8])];
    release();
    await Promise.all(all);
    expect(writes).toEqual([[0], [1, 2], [3, 4], [5, 6, 7, 8]]);
  });

  it('fails every delivery of a failed write, so the bus delivers them again', async () => {
    const group = new GroupCommit<number>(async () => {
      throw new Error('database down');
    }, 10);
    await expect(group.submit([1])).rejects.toThrow('database down');
  });
});
