import {
  accessDeniedDefinition,
  CUSTODY_EVENTS,
  EventEnvelope,
  evidenceItemAggregateId,
  EventRegistry,
  handOverRefusalsAggregateId,
  quarantineResolvedDefinition,
} from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { EvidenceItem } from '../domain/evidence-item.aggregate';
import { DeliveredItems } from '../commands/deliver-package/delivery.ports';
import { EvidenceItems } from '../domain/evidence-items.port';
import { EvidenceItemHistory } from '../queries/evidence-items/evidence-item-history.port';
import { StreamRepository } from '../shared/stream-repository';

/** Every event custody writes: its own facts and its refused accesses. */
export function custodyEventRegistry(): EventRegistry {
  return new EventRegistry().register(...CUSTODY_EVENTS, accessDeniedDefinition('custody'), quarantineResolvedDefinition('custody'));
}

/** Evidence items from their events; an item's stream is `evidence-item:<id>`. */
export class EvidenceItemRepository extends StreamRepository<EvidenceItem> implements EvidenceItems, EvidenceItemHistory, DeliveredItems {
  constructor(store: EventStore) {
    super(store, evidenceItemAggregateId, (id) => new EvidenceItem(id));
  }

  eventsOf(evidenceItemId: string): Promise<EventEnvelope[]> {
    return this.store.readStream(evidenceItemAggregateId(evidenceItemId));
  }

  refusalsOf(evidenceItemId: string): Promise<EventEnvelope[]> {
    return this.store.readStream(handOverRefusalsAggregateId(evidenceItemId));
  }
}
