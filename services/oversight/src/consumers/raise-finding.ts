import { findingAggregateId, FindingRaised, LedgerEntryRef, OVERSIGHT_FINDING_RAISED, OversightSubject } from '@custos/contracts';
import { AutomaticFinding } from '@custos/domain';
import { EventStore } from '@custos/eventstore';
import { PoolClient } from 'pg';

/** The actor of what oversight records on its own from another service's event. */
export const OVERSIGHT_SERVICE_ACTOR = { subject: 'service:oversight', roles: ['SERVICE'] };

/**
 * One finding per source event, under an id derived from where the ledger holds it (so a
 * redelivery or a second look raises nothing new), naming that event and any `more` behind it.
 */
export async function raiseFinding(
  store: EventStore,
  tx: PoolClient,
  on: { source: LedgerEntryRef; more?: LedgerEntryRef[]; correlationId: string; raisedAt: string },
  finding: AutomaticFinding,
  subject: OversightSubject,
  code?: string,
): Promise<void> {
  const { source } = on;
  const findingId = `auto-${source.service}-${source.sequence}`;
  const { rows } = await tx.query('SELECT 1 FROM es_events WHERE aggregate_id = $1 LIMIT 1', [findingAggregateId(findingId)]);
  if (rows.length > 0) return;
  const payload: FindingRaised = {
    findingId,
    origin: 'EVENT',
    rule: finding.rule,
    ...(finding.penaltyRule ? { penaltyRule: finding.penaltyRule } : {}),
    ...(code && /^CUSTOS_[A-Z0-9_]+$/.test(code) ? { code } : {}),
    subject,
    description: finding.description,
    evidence: [source, ...(on.more ?? [])],
    raisedAt: on.raisedAt,
  };
  await store.append(
    {
      aggregateId: findingAggregateId(findingId),
      expectedVersion: 0,
      events: [
        {
          type: OVERSIGHT_FINDING_RAISED,
          schemaVersion: 1,
          payload: { ...payload },
          actor: OVERSIGHT_SERVICE_ACTOR,
          correlationId: on.correlationId,
          causationId: source.eventId,
        },
      ],
    },
    tx,
  );
}
