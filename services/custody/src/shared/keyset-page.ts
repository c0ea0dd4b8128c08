import { afterCursorSql, CursorKind, decodeCursor, Page, pageLimit, pageOf } from '@custos/platform';
import { Principal } from '@custos/auth';
import { Pool } from 'pg';
import { oversightPrefix } from '../domain/oversight-scope';

/** A column of a list's sort key and the kind of value its cursor holds. */
export interface SortColumn {
  readonly column: string;
  readonly kind: CursorKind;
}

/**
 * A list read from one table in the caller's scope: `SELECT … FROM …`, its conditions with their
 * parameters ($1…), and its sort key, unique and unchanging for a row that stays in the list
 * (an instant it was opened, granted or co-signed, then its id), so that paging by it never skips
 * nor repeats a row.
 */
export interface KeysetList {
  readonly select: string;
  readonly where: readonly string[];
  readonly params: readonly unknown[];
  readonly order: readonly SortColumn[];
  readonly descending: boolean;
}

/**
 * One page of the list (issue 15: `?cursor&limit`, `{ items, nextCursor }`): the rows after the
 * cursor's key, `limit + 1` fetched to know whether more follow. A cursor another list gave out
 * is refused (CUSTOS_INPUT_CURSOR_INVALID) before the database is asked.
 */
export async function keysetPage<T>(
  pool: Pool,
  list: KeysetList,
  paging: { cursor?: string; limit?: number },
  toView: (row: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const after = decodeCursor(paging.cursor, list.order.map((o) => o.kind));
  const columns = list.order.map((o) => o.column);
  const params = [...list.params];
  const where = after ? [...list.where, afterCursorSql(columns, after, params, list.descending)] : list.where;
  const limit = pageLimit(paging);
  const { rows } = await pool.query(
    `${list.select} WHERE ${where.join(' AND ') || 'true'}
     ORDER BY ${columns.map((c) => `${c}${list.descending ? ' DESC' : ''}`).join(', ')} LIMIT $${params.push(limit + 1)}`,
    params,
  );
  return pageOf(rows as Record<string, unknown>[], limit, (row) => columns.map((c) => row[c] as string | Date), (shown) => shown.map(toView));
}

/** A session list's order, newest first when descending: by when a session opened, then its id. */
const SESSION_ORDER: readonly SortColumn[] = [
  { column: 'opened_at', kind: 'date-time' },
  { column: 'session_id', kind: 'string' },
];

/** The sessions of `table` a caller sees (`scope`: a condition and its parameters), newest first. */
export function sessionList(table: string, scope: { where: string; params: readonly unknown[] }): KeysetList {
  return { select: `SELECT * FROM ${table}`, where: [scope.where], params: scope.params, order: SESSION_ORDER, descending: true };
}

/**
 * A list of a request table's rows (grants, co-signed VIEW requests) in its scope (`where`, with
 * its parameters), in the order each row last changed, then its id: such a row changes again
 * only when it leaves the list (revoked, withdrawn, expired), so the key does not move.
 */
export function requestsByLastChange(select: string, scope: { where: readonly string[]; params: readonly unknown[] }, descending: boolean): KeysetList {
  return { select, ...scope, order: REQUEST_ORDER, descending };
}

const REQUEST_ORDER: readonly SortColumn[] = [
  { column: 'updated_at', kind: 'date-time' },
  { column: 'request_id', kind: 'string' },
];

/** The rows of `list` whose `column` is `value` (one, or none outside the caller's scope). */
export async function rowsWhere<T>(pool: Pool, list: KeysetList, column: string, value: string, toView: (row: Record<string, unknown>) => T): Promise<T[]> {
  const params = [...list.params, value];
  const { rows } = await pool.query(`${list.select} WHERE ${[...list.where, `${column} = $${params.length}`].join(' AND ')}`, params);
  return rows.map(toView);
}

/**
 * The parameters of a session list's scope, $1 to $3: the caller's organisation as an owner's
 * operator, as an officer (each null for another role), and oversight's division prefix.
 */
export function sessionScopeParams(principal: Principal): unknown[] {
  const as = (role: Principal['roles'][number]) => (principal.roles.includes(role) ? principal.organisationId : null);
  return [as('OWNER_OPERATOR'), as('OFFICER'), oversightPrefix(principal)];
}
