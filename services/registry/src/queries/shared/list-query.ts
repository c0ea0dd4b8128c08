import { Principal } from '@custos/auth';
import { parseDivisionCode } from '@custos/domain';
import { Pool } from 'pg';
import { hasJurisdiction, readsEverything } from '../../access/registry-access';
import { Page, PagingRequestDto } from './paging.request.dto';

/**
 * A filtered, paged list over one projection table, narrowed to what the caller may read:
 * rows within its jurisdiction (by division prefix, R5.1) or, where `ownColumn` is given,
 * its own organisation's rows (an owner: those only); a SERVICE principal reads all.
 */
export async function listRows<T>(
  pool: Pool,
  table: string,
  principal: Principal,
  filters: readonly [sql: string, value: unknown][],
  paging: PagingRequestDto,
  map: (row: Record<string, unknown>) => T,
  ownColumn?: string,
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
  const limit = paging.limit ?? 50;
  const offset = paging.offset ?? 0;
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [{ rows }, counted] = await Promise.all([
    pool.query(`SELECT * FROM ${table} ${clause} ORDER BY seq LIMIT ${limit} OFFSET ${offset}`, values),
    pool.query(`SELECT count(*) AS total FROM ${table} ${clause}`, values),
  ]);
  return { items: rows.map(map), total: Number(counted.rows[0].total), limit, offset };
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
