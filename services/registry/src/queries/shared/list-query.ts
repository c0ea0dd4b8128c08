import { Principal } from '@custos/auth';
import { parseDivisionCode } from '@custos/domain';
import { afterCursorSql, decodeCursor, Page, PageRequestDto, pageLimit, pageOf } from '@custos/platform';
import { Pool } from 'pg';
import { hasJurisdiction, readsEverything } from '../../access/registry-access';

/**
 * A filtered, paged list over one projection table, narrowed to what the caller may read:
 * rows within its jurisdiction (by division prefix, R5.1) or, where `ownColumn` is given,
 * its own organisation's rows (an owner: those only); a SERVICE principal reads all. In the
 * log's order (`seq`, then `tie`: one event may write several rows), the cursor the last row's.
 */
export async function listRows<T>(
  pool: Pool,
  table: string,
  principal: Principal,
  filters: readonly [sql: string, value: unknown][],
  paging: PageRequestDto,
  map: (row: Record<string, unknown>) => T,
  ownColumn?: string,
  tie = 'id',
): Promise<Page<T>> {
  const values: unknown[] = [];
  const where: string[] = [];
  for (const [sql, value] of filters) {
    if (value === undefined) continue;
    values.push(value);
    where.push(sql.replace('?', `$${values.length}`));
  }
  if (!readsEverything(principal)) {
    const division = parseDivisionCode(principal.divisionCode);
    const scope: string[] = [];
    if (hasJurisdiction(principal)) {
      values.push(division.ok ? `${division.value.prefix}%` : '\u0000');
      scope.push(`division_code LIKE $${values.length}`);
    }
    if (ownColumn) {
      values.push(principal.organisationId);
      scope.push(`${ownColumn} = $${values.length}`);
    }
    where.push(scope.length > 0 ? `(${scope.join(' OR ')})` : 'false');
  }
  const after = decodeCursor(paging.cursor, ['number', 'string']);
  if (after) where.push(afterCursorSql(['seq', tie], after, values));
  const limit = pageLimit(paging);
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const { rows } = await pool.query(`SELECT * FROM ${table} ${clause} ORDER BY seq, ${tie} LIMIT ${limit + 1}`, values);
  return pageOf(rows, limit, (r) => [Number(r.seq), String(r[tie])], (shown) => shown.map(map));
}

/** A person of an organisation as the list tables hold them (officers, operators). */
export function personRow(r: Record<string, unknown>) {
  return {
    id: r.id as string,
    personId: r.person_id as string,
    organisationId: r.organisation_id as string,
    name: r.name as string,
    divisionCode: r.division_code as string,
  };
}
