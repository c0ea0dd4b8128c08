import { Result } from '@custos/domain';
import { CommandContext, EventStore } from '@custos/eventstore';
import type { PoolClient } from 'pg';
import { EvidenceItem } from '../../domain/evidence-item.aggregate';

/*
 * What a delivery needs of storage (R16.6, R18.5), as ports the database classes implement and
 * the module binds. A delivery's facts are recorded in one transaction `tx` with its lease row.
 */

export interface OpenDelivery {
  readonly deliveryId: string;
  readonly evidenceItemId: string;
  readonly bytes: number;
}

/** The single use of a delivery link and the heartbeat of the download it started. */
export abstract class DeliveryLeaseStore {
  /** A link already used is refused (R18.5); the transaction is then lost and must not be committed. */
  abstract claim(tx: PoolClient, lease: { linkId: string; deliveryId: string; evidenceItemId: string; at: Date }): Promise<Result<void>>;
  abstract heartbeat(deliveryId: string, bytes: number, at: Date): Promise<unknown>;
  abstract close(tx: PoolClient, deliveryId: string, at: Date): Promise<void>;
  /** Deliveries still running whose last heartbeat is older than `before`. */
  abstract abandoned(before: Date, limit?: number): Promise<OpenDelivery[]>;
}

/** Evidence items as a delivery records on them, inside its transaction; `store` holds their refusals' streams. */
export abstract class DeliveredItems {
  abstract readonly store: EventStore;
  abstract load(evidenceItemId: string, tx?: PoolClient): Promise<EvidenceItem | undefined>;
  abstract save(item: EvidenceItem, context: CommandContext, tx?: PoolClient): Promise<unknown>;
}
