import { EventEnvelope } from '@custos/contracts';

/**
 * An item's recorded history, for its chain of custody (R16.6, R18.5): its own events and
 * those of its refused steps, each in the order recorded. The event-sourced repository
 * implements it; the module binds it.
 */
export abstract class EvidenceItemHistory {
  abstract eventsOf(evidenceItemId: string): Promise<EventEnvelope[]>;
  abstract refusalsOf(evidenceItemId: string): Promise<EventEnvelope[]>;
}
