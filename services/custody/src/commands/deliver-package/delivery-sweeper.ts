import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ok } from '@custos/domain';
import { PeriodicTask } from '@custos/eventstore';
import { orRefuse } from '@custos/platform';
import { Pool } from 'pg';
import { DeliveredItems, DeliveryLeaseStore } from './delivery.ports';
import { Clock, CUSTODY_CLOCK, CUSTODY_OPTIONS, CUSTODY_POOL } from '../../custody.tokens';
import type { CustodyModuleOptions } from '../../custody.options';
import { SWEEP_ACTOR } from '../session-sweeps';
import { DEFAULT_DELIVERY_STALE_MS, recordOnItem } from './delivery-link';

export const DEFAULT_DELIVERY_SWEEP_INTERVAL_MS = 30_000;

/**
 * Ends the deliveries whose serving process died mid-stream (kill -9, a lost node): a
 * delivery whose heartbeat has been silent longer than `deliveryStaleMs` is recorded as
 * `custody.PackageDeliveryInterrupted` (ABANDONED, with the bytes last reported) and its lease
 * closed, in one transaction, so the register never shows a delivery "started" for ever
 * (R16.6). Any replica may sweep: the item's version check lets one of them record it.
 */
@Injectable()
export class DeliverySweeper {
  private readonly logger = new Logger('Custody');
  private job?: PeriodicTask;

  constructor(
    @Inject(CUSTODY_POOL) private readonly pool: Pool,
    private readonly items: DeliveredItems,
    private readonly leases: DeliveryLeaseStore,
    @Inject(CUSTODY_CLOCK) private readonly clock: Clock,
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
  ) {}

  /** One pass; returns how many abandoned deliveries it ended. */
  async sweep(): Promise<number> {
    const now = this.clock();
    const abandoned = await this.leases.abandoned(
      new Date(now.getTime() - (this.options.deliveryStaleMs ?? DEFAULT_DELIVERY_STALE_MS)),
    );
    let ended = 0;
    for (const delivery of abandoned) {
      const context = { actor: SWEEP_ACTOR, correlationId: randomUUID() };
      const recorded = await recordOnItem(
        this.pool,
        this.items,
        delivery.evidenceItemId,
        context,
        (item) => {
          if (item.abandonDelivery(delivery.deliveryId, delivery.bytes, now)) ended++;
          return ok();
        },
        (tx) => this.leases.close(tx, delivery.deliveryId, now),
      );
      // Only an item gone from the store refuses: its lease stays open, and the sweep fails loudly as before.
      orRefuse(recorded);
      this.logger.warn({
        msg: 'abandoned delivery ended',
        code: 'CUSTOS_R16_6_DELIVERY_ABANDONED',
        evidenceItemId: delivery.evidenceItemId,
        deliveryId: delivery.deliveryId,
      });
    }
    return ended;
  }

  start(): void {
    this.job = new PeriodicTask(() => this.sweep(), {
      name: 'DeliverySweep',
      failureCode: 'CUSTOS_CUSTODY_DELIVERY_SWEEP_FAILED',
      intervalMs: this.options.deliverySweepIntervalMs ?? DEFAULT_DELIVERY_SWEEP_INTERVAL_MS,
    });
    this.job.start();
  }

  stop(): Promise<void> {
    return this.job?.stop() ?? Promise.resolve();
  }
}
