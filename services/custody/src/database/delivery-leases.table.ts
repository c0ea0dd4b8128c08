import { err, ok, Result } from '@custos/domain';
import { Pool, PoolClient } from 'pg';
import { DeliveryLeaseStore, OpenDelivery } from '../commands/deliver-package/delivery.ports';
import { custodyErrors } from '../domain/custody.errors';

const UNIQUE_VIOLATION = '23505';

export type { OpenDelivery } from '../commands/deliver-package/delivery.ports';

export class DeliveryLeases implements DeliveryLeaseStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Claims the link for this delivery in `tx`; a link already used is refused (R18.5), and the
   * transaction is then lost: the caller must not commit it.
   */
  async claim(
    tx: PoolClient,
    lease: { linkId: string; deliveryId: string; evidenceItemId: string; at: Date },
  ): Promise<Result<void>> {
    try {
      await tx.query(
        `INSERT INTO custody_delivery_leases (link_id, delivery_id, evidence_item_id, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, $4)`,
        [lease.linkId, lease.deliveryId, lease.evidenceItemId, lease.at],
      );
      return ok();
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      return err(custodyErrors.deliveryLinkUsed(lease.evidenceItemId, lease.linkId));
    }
  }

  heartbeat(deliveryId: string, bytes: number, at: Date): Promise<unknown> {
    return this.pool.query(
      'UPDATE custody_delivery_leases SET heartbeat_at = $2, bytes = $3 WHERE delivery_id = $1 AND ended_at IS NULL',
      [deliveryId, at, bytes],
    );
  }

  async close(tx: PoolClient, deliveryId: string, at: Date): Promise<void> {
    await tx.query('UPDATE custody_delivery_leases SET ended_at = $2 WHERE delivery_id = $1 AND ended_at IS NULL', [
      deliveryId,
      at,
    ]);
  }

  /** Deliveries still open whose heartbeat stopped before `before`: their process is gone. */
  async abandoned(before: Date, limit = 100): Promise<OpenDelivery[]> {
    const { rows } = await this.pool.query(
      `SELECT delivery_id, evidence_item_id, bytes FROM custody_delivery_leases
        WHERE ended_at IS NULL AND heartbeat_at < $1 ORDER BY heartbeat_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => ({ deliveryId: r.delivery_id, evidenceItemId: r.evidence_item_id, bytes: Number(r.bytes) }));
  }
}
