import { leafHash } from '@custos/ledger-core';
import { leaves } from '../../test/support';
import { hashedLeavesCopy, leavesCopy } from './append-script';

describe('hashedLeavesCopy', () => {
  it('cuts the leaves COPY data into parts that are the whole stream together, hashing each part as it is taken', () => {
    const batch = leaves('custody', 1, 7);
    const hashes: Buffer[] = [];
    const parts = hashedLeavesCopy(batch, 40, leafHash, hashes, 3);
    const first = parts.next();
    // Only the first part's leaves are hashed until the next part is asked for.
    expect(hashes).toHaveLength(3);
    const rest = [...parts];
    expect(rest).toHaveLength(2);
    expect(hashes).toEqual(batch.map((l) => leafHash(l.entry)));
    expect(Buffer.concat([first.value as Buffer, ...rest])).toEqual(leavesCopy(batch, 40, hashes));
  });
});
