import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { domainErrorOf } from '@custos/domain';
import { DomainException } from '../errors/domain.exception';

/**
 * One pagination shape for every list of every service (issue 15): the query asks
 * `?cursor=…&limit=…`, the answer is `{ items, nextCursor }` with `nextCursor` null on the last
 * page. A cursor is the sort key of the last item given, base64url-encoded: opaque to clients,
 * stable under inserts (unlike an offset), and checked when it comes back.
 */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/**
 * The paging query of a list whose pages may be larger than {@link MAX_PAGE_LIMIT} (the access
 * register's 500, the ledger's 1,000 entries): `class X extends PagingOf(1000, 100) {}`.
 */
export function PagingOf(maximum: number, fallback = DEFAULT_PAGE_LIMIT) {
  class PageRequest {
    @ApiPropertyOptional({ description: 'The nextCursor of the previous page; none: the first page', maxLength: 400 })
    @IsOptional()
    @IsString()
    @MaxLength(400)
    cursor?: string;

    @ApiPropertyOptional({ type: 'integer', default: fallback, minimum: 1, maximum })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maximum)
    limit?: number;
  }
  return PageRequest;
}

/** `?cursor=…&limit=…` (1–200, 50 by default): extend it with a list's filters. */
export class PageRequestDto extends PagingOf(MAX_PAGE_LIMIT) {}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** One component of a sort key: a text, a number, or an instant (kept as its ISO text). */
export type CursorPart = string | number;
export type CursorKind = 'string' | 'number' | 'date-time';

export function pageLimit(paging: { limit?: number }, fallback = DEFAULT_PAGE_LIMIT): number {
  return paging.limit ?? fallback;
}

export function encodeCursor(key: readonly (CursorPart | Date)[]): string {
  return Buffer.from(JSON.stringify(key.map((part) => (part instanceof Date ? part.toISOString() : part)))).toString('base64url');
}

/**
 * The sort key a cursor holds, each part of the kind the list sorts by; `undefined` for no
 * cursor (the first page). A cursor this list did not give out is a coded 400, never a 500.
 */
export function decodeCursor(cursor: string | undefined, kinds: readonly CursorKind[]): CursorPart[] | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== kinds.length || !key.every((part, i) => partIs(part, kinds[i]))) {
    throw new DomainException(domainErrorOf('CUSTOS_INPUT_CURSOR_INVALID', { cursor: cursor.slice(0, 100) }, 'the cursor is not one this list gave out'));
  }
  return key as CursorPart[];
}

function partIs(part: unknown, kind: CursorKind): boolean {
  if (kind === 'number') return typeof part === 'number' && Number.isFinite(part);
  if (kind === 'date-time') return typeof part === 'string' && !Number.isNaN(Date.parse(part));
  return typeof part === 'string';
}

/**
 * The page of rows fetched with `LIMIT limit + 1`: the extra row only says there is more; the
 * cursor is the key of the last row given.
 */
export function pageOf<R, T = R>(rows: readonly R[], limit: number, keyOf: (row: R) => readonly (CursorPart | Date)[], map?: (rows: R[]) => T[]): Page<T>;
export function pageOf<R>(rows: readonly R[], limit: number, keyOf: (row: R) => readonly (CursorPart | Date)[], map: (rows: R[]) => unknown[] = (r) => r): Page<unknown> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: map(shown), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** Compares two sort keys part by part (numbers as numbers, texts and instants as texts). */
export function compareKeys(a: readonly CursorPart[], b: readonly CursorPart[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * A page of a list already held in memory and sorted by `keyOf` (ascending, or descending with
 * `descending`): the items after the cursor's key, so a page never repeats or skips an item
 * that stays in the list. Keys must be unique (end them with an id).
 */
export function pageOfSorted<T>(
  all: readonly T[],
  paging: { cursor?: string; limit?: number },
  keyOf: (item: T) => readonly CursorPart[],
  kinds: readonly CursorKind[],
  descending = false,
): Page<T> {
  const after = decodeCursor(paging.cursor, kinds);
  const sign = descending ? -1 : 1;
  let start = 0;
  if (after !== undefined) {
    // The item the cursor names, when still there: the list's own order decides (a database's
    // collation may order texts otherwise than `compareKeys`); else the first one past its key.
    const at = all.findIndex((item) => compareKeys(keyOf(item), after) === 0);
    start = at >= 0 ? at + 1 : all.findIndex((item) => sign * compareKeys(keyOf(item), after) > 0);
  }
  const rest = start < 0 ? [] : all.slice(start);
  return pageOf(rest, pageLimit(paging), keyOf);
}

/**
 * The SQL condition "after the cursor" over the sort expressions, e.g. `(opened_at, id) > ($3, $4)`;
 * `descending` per expression (or for all) as the list's ORDER BY has it, so that a list sorted
 * `filed_at DESC, id` keeps its order.
 */
export function afterCursorSql(columns: readonly string[], key: readonly CursorPart[], params: unknown[], descending: boolean | readonly boolean[] = false): string {
  const placeholders = key.map((part) => `$${params.push(part)}`);
  const desc = columns.map((_, i) => (typeof descending === 'boolean' ? descending : (descending[i] ?? false)));
  if (desc.every((d) => d === desc[0])) return `(${columns.join(', ')}) ${desc[0] ? '<' : '>'} (${placeholders.join(', ')})`;
  const alternatives = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => `${c} = ${placeholders[j]}`);
    return `(${[...equal, `${column} ${desc[i] ? '<' : '>'} ${placeholders[i]}`].join(' AND ')})`;
  });
  return `(${alternatives.join(' OR ')})`;
}

const pageClasses = new Map<Class<unknown>, Class<unknown>>();

/**
 * The OpenAPI schema of a page of `item`: `{ items: item[], nextCursor: string | null }`, one
 * named class per item (`CameraViewPageDto` for `CameraViewDto`), for `@ApiOkResponse({ type })`.
 */
export function PageDtoOf<T>(item: Class<T>, name = `${item.name.replace(/Dto$/, '')}PageDto`): Class<Page<T>> {
  const known = pageClasses.get(item);
  if (known) return known as Class<Page<T>>;
  class PageOf {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty({ type: 'string', nullable: true, description: 'Ask for it as `cursor` for the next page; null: the last page' })
    nextCursor!: string | null;
  }
  Object.defineProperty(PageOf, 'name', { value: name });
  pageClasses.set(item, PageOf);
  return PageOf;
}
