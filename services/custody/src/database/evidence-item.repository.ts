import {
  accessDeniedDefinition,
  CUSTODY_EVENTS,
  EventEnvelope,
  evidenceItemAggregateId,
  EventRegistry,
  handOverRefusalsAggregateId,
  quarantineResolvedDefinition,
} from '@custos/contracts';
import { AggregateRepository, EventStore } from '@custos/eventstore';
import { PoolClient } from 'pg';
import { EvidenceItem } from '../domain/evidence-item.aggregate';
import { DeliveredItems } from '../commands/deliver-package/delivery.ports';
import { EvidenceItems } from '../domain/evidence-items.port';
import { EvidenceItemHistory } from '../queries/evidence-items/evidence-item-history.port';

/** Every event custody writes: its own facts and its refused accesses. */
export function custodyEventRegistry(): EventRegistry {
  return new EventRegistry().register(...CUSTODY_EVENTS, accessDeniedDefinition('custody'), quarantineResolvedDefinition('custody'));
}

/** Evidence items from their events; an item's stream is `evidence-item:<id>`. */
export class EvidenceItemRepository implements EvidenceItems, EvidenceItemHistory, DeliveredItems {
  private readonly aggregates: AggregateRepository<EvidenceItem>;

  constructor(readonly store: EventStore) {
    this.aggregates = new AggregateRepository(store, (id) => new EvidenceItem(id));
  }

  load(evidenceItemId: string, tx?: PoolClient): Promise<EvidenceItem | undefined> {
    return this.aggregates.load(evidenceItemAggregateId(evidenceItemId), tx);
  }

  create(evidenceItemId: string): EvidenceItem {
    return new EvidenceItem(evidenceItemAggregateId(evidenceItemId));
  }

  save(item: EvidenceItem, context: Parameters<AggregateRepository<EvidenceItem>['save']>[1], tx?: PoolClient) {
    return this.aggregates.save(item, context, tx);
  }

  eventsOf(evidenceItemId: string): Promise<EventEnvelope[]> {
    return this.store.readStream(evidenceItemAggregateId(evidenceItemId));
  }

  refusalsOf(evidenceItemId: string): Promise<EventEnvelope[]> {
    return this.store.readStream(handOverRefusalsAggregateId(evidenceItemId));
  }
}
