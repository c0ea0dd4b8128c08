import { afterCursorSql, decodeCursor, encodeCursor, pageOf, pageOfSorted } from './paging';
import { DomainException } from '../errors/domain.exception';

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainException ? error.domainError.code : String(error);
  }
  return undefined;
};

describe('one pagination shape (issue 15)', () => {
  it('gives back the sort key a cursor holds, opaque to the client (base64url)', () => {
    const cursor = encodeCursor([new Date('2026-12-05T08:00:00Z'), 'req-1']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['date-time', 'string'])).toEqual(['2026-12-05T08:00:00.000Z', 'req-1']);
    expect(decodeCursor(undefined, ['number'])).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'bm90LWEtY3Vyc29y'],
    ['a key of another list (wrong arity)', encodeCursor([1, 'a'])],
    ['a key of another kind', encodeCursor(['x'])],
  ])('refuses a cursor that is %s with CUSTOS_INPUT_CURSOR_INVALID', (_label, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, ['number']))).toBe('CUSTOS_INPUT_CURSOR_INVALID');
  });

  it('answers a page of rows fetched with limit + 1: nextCursor names the last item given, null at the end', () => {
    const rows = [{ seq: 1 }, { seq: 2 }, { seq: 3 }];
    const first = pageOf(rows, 2, (r) => [r.seq]);
    expect(first.items).toEqual([{ seq: 1 }, { seq: 2 }]);
    expect(decodeCursor(first.nextCursor!, ['number'])).toEqual([2]);
    expect(pageOf(rows, 3, (r) => [r.seq]).nextCursor).toBeNull();
  });

  it('writes "after the cursor" for one direction as a row comparison, and for mixed directions as alternatives', () => {
    const params: unknown[] = ['org'];
    expect(afterCursorSql(['opened_at', 'id'], ['t', 'a'], params)).toBe('(opened_at, id) > ($2, $3)');
    expect(afterCursorSql(['decided_at', 'id'], ['t', 'a'], [], true)).toBe('(decided_at, id) < ($1, $2)');
    expect(afterCursorSql(['filed_at', 'id'], ['t', 'a'], [], [true, false])).toBe('((filed_at < $1) OR (filed_at = $1 AND id > $2))');
    expect(params).toEqual(['org', 't', 'a']);
  });

  it('pages a sorted list held in memory without repeating or skipping, also when the named item is gone', () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const key = (i: { id: string }) => [i.id];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = pageOfSorted(all, { limit: 2, cursor }, key, ['string']);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    const afterB = encodeCursor(['b']);
    expect(pageOfSorted(all.filter((i) => i.id !== 'b'), { limit: 2, cursor: afterB }, key, ['string']).items.map((i) => i.id)).toEqual(['c', 'd']);
  });
});
