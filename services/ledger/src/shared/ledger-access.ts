import { ForbiddenError, hasAnyRole, Principal } from '@custos/auth';
import { jurisdictionContains, levelOfDivision } from '@custos/domain';
import { Pool } from 'pg';
import { AggregateScope, LedgerAccessIndex, LogScope } from '../database/access-index';

/**
 * Who may read what of the ledger (R5.1, R3.1; services/ledger/README.md "Access"):
 *
 * - An aggregate (its history, evidence bundle, and the inclusion proof of any of its entries)
 *   is open to the organisations involved in it, and to an oversight body whose jurisdiction
 *   covers an organisation involved in it or a division its events name.
 * - The whole log (entry ranges, the export, and the shared streams of access denials and gap
 *   alarms) is open to national oversight (division 100000), whose jurisdiction covers every
 *   division, and to an oversight body at province level whose jurisdiction covers every
 *   organisation and division the log holds, an organisation whose division is unknown
 *   counting as outside. The export cannot be cut down without breaking what the offline
 *   verifier recomputes, so it is all or nothing, and so only for who may see all of it.
 */

export function mayReadAggregate(principal: Principal, scope: AggregateScope): boolean {
  if (scope.shared) return false;
  if (scope.organisations.includes(principal.organisationId)) return true;
  return (
    hasAnyRole(principal, ['OVERSIGHT']) && scope.divisions.some((d) => jurisdictionContains(principal.divisionCode, d))
  );
}

/** Whether the caller is oversight at a level that may read the whole log at all: national, or a province. */
function wholeLogOversight(principal: Principal): 'NATIONAL' | 'PROVINCE' | undefined {
  if (!hasAnyRole(principal, ['OVERSIGHT'])) return undefined;
  const level = levelOfDivision(principal.divisionCode);
  return level === 'NATIONAL' || level === 'PROVINCE' ? level : undefined;
}

export function mayReadWholeLog(principal: Principal, scope: LogScope): boolean {
  const level = wholeLogOversight(principal);
  // National oversight covers every division, placed or not yet placed.
  if (level === 'NATIONAL') return true;
  return (
    level === 'PROVINCE' &&
    scope.unplacedOrganisations === 0 &&
    scope.divisions.every((d) => jurisdictionContains(principal.divisionCode, d))
  );
}

/**
 * The one refusal of this service's scoped routes. It depends on the caller only, never on the
 * aggregate or entry asked for, and an unknown one is refused the same way: the answer does not
 * tell an outsider whether it exists. (Only a whole-log reader, who could list everything
 * anyway, is told 404.) The auth lib's codes are used so that the refusal is recorded as
 * `ledger.AccessDenied` like any other.
 */
function refusal(principal: Principal, what: string): ForbiddenError {
  return hasAnyRole(principal, ['OVERSIGHT'])
    ? new ForbiddenError(
        'CUSTOS_AUTH_OUTSIDE_JURISDICTION',
        `${what} lies outside the jurisdiction ${principal.divisionCode} of the caller's organisation, or does not exist (R5.1)`,
      )
    : new ForbiddenError(
        'CUSTOS_AUTH_WRONG_ORGANISATION',
        `${what} does not involve the caller's organisation, or does not exist (R3.1)`,
      );
}

export type EntryTarget = { readonly leafIndex: number } | { readonly eventId: string };

/** How long a request waits for the index to catch up before it is refused on what is indexed. */
const CATCH_UP_WAIT_MS = 5000;

/** Applies the rules above to a caller, reading the access index (and catching it up when it refuses). */
export class LedgerAccess {
  constructor(
    private readonly index: LedgerAccessIndex,
    private readonly pool: Pool,
  ) {}

  /** Returns when the caller may read the aggregate, or may read everything (so a 404 tells nothing). */
  async assertAggregate(principal: Principal, aggregateId: string): Promise<void> {
    if (mayReadAggregate(principal, await this.index.aggregateScope(aggregateId))) return;
    // The index follows the log after the fact: refuse only on an index that has read it all.
    await this.index.caughtUpWithin(CATCH_UP_WAIT_MS);
    if (mayReadAggregate(principal, await this.index.aggregateScope(aggregateId))) return;
    if (await this.readsWholeLog(principal)) return;
    throw refusal(principal, `aggregate ${aggregateId}`);
  }

  /** As `assertAggregate`, for the aggregate of one entry. */
  async assertEntry(principal: Principal, target: EntryTarget): Promise<void> {
    const { rows } =
      'eventId' in target
        ? await this.pool.query('SELECT aggregate_id FROM ledger_leaves WHERE event_id = $1', [
            target.eventId.toLowerCase(),
          ])
        : await this.pool.query('SELECT aggregate_id FROM ledger_leaves WHERE leaf_index = $1', [target.leafIndex]);
    const what = 'eventId' in target ? `event ${target.eventId}` : `entry ${target.leafIndex}`;
    if (rows.length > 0) {
      const aggregateId = rows[0].aggregate_id as string;
      if (mayReadAggregate(principal, await this.index.aggregateScope(aggregateId))) return;
      await this.index.caughtUpWithin(CATCH_UP_WAIT_MS);
      if (mayReadAggregate(principal, await this.index.aggregateScope(aggregateId))) return;
    }
    if (await this.readsWholeLog(principal)) return;
    throw refusal(principal, what);
  }

  /** Entry ranges and the export. */
  async assertWholeLog(principal: Principal): Promise<void> {
    if (!(await this.readsWholeLog(principal))) {
      throw refusal(principal, "the whole log (every organisation's events)");
    }
  }

  private async readsWholeLog(principal: Principal): Promise<boolean> {
    // Cheap answers first; the scope is read only after the index has caught up with the log.
    const level = wholeLogOversight(principal);
    if (level === undefined) return false;
    if (level === 'NATIONAL') return true;
    // An index behind the log may not know every organisation yet: refuse rather than guess.
    if (!(await this.index.caughtUpWithin(CATCH_UP_WAIT_MS))) return false;
    return mayReadWholeLog(principal, await this.index.logScope());
  }
}
