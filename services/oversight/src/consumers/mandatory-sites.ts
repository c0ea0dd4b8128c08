import { EventStore } from '@custos/eventstore';
import { mandatorySiteDue, mandatorySiteFinding } from '@custos/domain';
import { PoolClient } from 'pg';
import { raiseFinding } from './raise-finding';

const DAY_MS = 24 * 3600 * 1000;

/**
 * R7.1, R7.2: raises a finding for each mandatory site that has stood without a system in use
 * for `graceDays` by `now`, once per time it became uncovered (its registration, or the removal
 * of its last covering system, is the event the finding names). Runs in the caller's
 * transaction: from the consumer when an event arrives (at the event's instant) and from the
 * periodic sweep (at the clock's); rows are locked, and the finding's id is derived from its
 * source event, so two replicas never raise it twice.
 */
export async function raiseOverdueSites(store: EventStore, tx: PoolClient, now: Date, graceDays: number): Promise<number> {
  const { rows } = await tx.query(
    `SELECT id, name, rule, division_code, uncovered_since, source_service, source_sequence, source_event_id, source_type
       FROM ov_mandatory_sites
      WHERE uncovered_since IS NOT NULL AND NOT raised AND uncovered_since <= $1
      ORDER BY uncovered_since FOR UPDATE SKIP LOCKED`,
    [new Date(now.getTime() - graceDays * DAY_MS)],
  );
  let raised = 0;
  for (const site of rows) {
    const due = mandatorySiteDue(site.uncovered_since as Date, now, graceDays);
    if (!due.overdue) continue;
    await raiseFinding(
      store,
      tx,
      {
        source: { service: site.source_service, sequence: Number(site.source_sequence), eventId: site.source_event_id, type: site.source_type },
        correlationId: site.source_event_id as string,
        raisedAt: due.dueAt.toISOString(),
      },
      mandatorySiteFinding(site.rule as 'R7.1' | 'R7.2', { id: site.id as string, name: site.name as string }),
      { divisionCode: site.division_code as string },
    );
    await tx.query('UPDATE ov_mandatory_sites SET raised = true WHERE id = $1', [site.id]);
    raised++;
  }
  return raised;
}
