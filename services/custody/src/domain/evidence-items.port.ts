import { CommandContext } from '@custos/eventstore';
import { EvidenceItem } from './evidence-item.aggregate';

/**
 * Where the commands find and keep evidence items: the event-sourced repository implements it
 * and the module binds it, so that no use case reaches into the database. `save` appends at the
 * revision the item was loaded at; a concurrent write is a conflict to decide again on.
 */
export abstract class EvidenceItems {
  abstract load(evidenceItemId: string): Promise<EvidenceItem | undefined>;
  abstract save(item: EvidenceItem, context: CommandContext): Promise<unknown>;
}
