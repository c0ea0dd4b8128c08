import { Principal } from '@custos/auth';
import { parseDivisionCode } from '@custos/domain';
import { afterCursorSql, decodeCursor, Page, PageRequestDto, pageLimit, pageOf } from '@custos/platform';
import { orRefuse } from '@custos/platform';
import { Pool } from 'pg';
import { assertMayRead, hasJurisdiction, readsEverything } from '../../access/registry-access';
import { RegistryAggregates } from '../../commands/shared/registry-aggregates';
import { PersonAggregate } from '../../domain/person.aggregate';
import { RegistryReadModel } from './registry-read-model';

type Row = Record<string, unknown>;

/** `[sql with one ?, value]`: a filter of a list, left out when its value is undefined. */
type Filter = [sql: string, value: unknown];

/** A list endpoint's query: what it lists, its filters and how a row reads. */
export interface ListSpec<T> {
  /** A projection table, or a subquery over them. */
  readonly from: string;
  /** Its filters, each `[sql with one ?, value]`; a filter whose value is undefined is left out. */
  readonly where: readonly Filter[];
  readonly row: (row: Row) => T;
  /** The column naming the organisation a row belongs to: an owner reads its own (see listRows). */
  readonly own?: string;
  /** The column that orders the rows one event wrote (default `id`). */
  readonly tie?: string;
  /** The read models the rows come from besides the lists (caught up first too). */
  readonly alsoReads?: readonly ('supervision' | 'places')[];
}

/** One page of a list, after its read models have caught up (an answer follows the writes before it). */
export async function listPage<T>(readModel: RegistryReadModel, principal: Principal, paging: PageRequestDto, spec: ListSpec<T>): Promise<Page<T>> {
  await Promise.all([readModel.lists, ...(spec.alsoReads ?? []).map((name) => readModel[name])].map((runner) => runner.catchUp()));
  return listRows(readModel.pool, spec.from, principal, spec.where, paging, spec.row, spec.own, spec.tie);
}

/** The rows within the divisions of `code` (R5.1, by its prefix); no filter when no code is asked for. */
export function withinDivision(code: string | undefined): Filter {
  return ['division_code LIKE ?', code === undefined ? undefined : `${orRefuse(parseDivisionCode(code)).prefix}%`];
}

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The rows whose column equals the query's field of its name in snake_case (`parentId` →
 * `parent_id`), as `columns` reads them back; a field the query leaves out filters nothing.
 */
export function equalTo<Q extends object>(q: Q, fields: readonly (keyof Q & string)[]): Filter[] {
  return fields.map((field) => [`${snakeCase(field)} = ?`, q[field]]);
}

/**
 * A row as a view: each field from the column of its name in snake_case
 * (`ownerOrganisationId` ← `owner_organisation_id`), or the column `renamed` gives.
 */
export function columns<T>(fields: readonly (keyof T & string)[], renamed: Partial<Record<keyof T & string, string>> = {}): (row: Row) => T {
  return (row) => Object.fromEntries(fields.map((field) => [field, row[renamed[field] ?? snakeCase(field)]])) as T;
}

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
  filters: readonly Filter[],
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

/** A person of an organisation (an officer, an operator) as a read shows them: its id, who, and whose. */
export interface PersonView {
  readonly id: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly name: string;
}

export const personView = (p: PersonAggregate): PersonView => ({ id: p.key, personId: p.personId, organisationId: p.organisationId, name: p.name });

/** A person as the list tables hold them, with the division of their organisation. */
export interface PersonListItem extends PersonView {
  readonly divisionCode: string;
}

export const personRow = columns<PersonListItem>(['id', 'personId', 'organisationId', 'name', 'divisionCode']);

/** Officers or operators, by organisation or person; an owner lists its own (R5.1, R3.1). */
export function peopleOf<T>(
  from: 'reg_officers' | 'reg_operators',
  q: { readonly organisationId?: string; readonly personId?: string },
  row: (row: Row) => T,
  more: ListSpec<T>['where'] = [],
): ListSpec<T> {
  return { from, where: [...equalTo(q, ['organisationId', 'personId']), ...more], row, own: 'organisation_id' };
}

/** A person (officer, operator) the caller may read: one within reach of its organisation (R5.1). */
export async function personInReach<P extends { readonly organisationId: string }>(
  aggregates: RegistryAggregates,
  principal: Principal,
  person: P,
): Promise<P> {
  const organisation = await aggregates.organisation(person.organisationId);
  assertMayRead(principal, organisation.divisionCode, organisation.key);
  return person;
}
