import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { PeriodicTask } from '@custos/eventstore';
import { MetricsRegistry } from '@custos/platform';
import { Pool } from 'pg';
import { Gauge, Registry } from 'prom-client';
import { FootageStore } from '../footage-store/footage-store.port';
import { FOOTAGE_STORE, STORAGE_POOL } from '../storage.tokens';

export const DEFAULT_RECONCILE_INTERVAL_MS = 10 * 60_000;
export const STORAGE_RECONCILE_INTERVAL_MS = Symbol('STORAGE_RECONCILE_INTERVAL_MS');
const BATCH = 500;

/**
 * Compares the footage bucket with the records (R16.3): an original in the store that no
 * segment record names is footage nobody can find, audit or export — an ingest that stored
 * its bytes and died before recording them, and was never retried. Each is reported with the
 * code `CUSTOS_R16_3_ORIGINAL_UNRECORDED` in the log, and their number is the gauge
 * `custos_storage_unrecorded_originals`, for the operator to alert on. Reading only: an
 * original is never deleted, and its owner completes it by retrying the ingest.
 */
@Injectable()
export class UnrecordedOriginals implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Storage');
  /** `custos_storage_unrecorded_originals`, as of the last pass. */
  readonly gauge: Gauge;
  private job?: PeriodicTask;

  constructor(
    @Inject(STORAGE_POOL) private readonly pool: Pool,
    @Inject(FOOTAGE_STORE) private readonly store: FootageStore,
    @Inject(STORAGE_RECONCILE_INTERVAL_MS) private readonly intervalMs: number,
    @Optional() registry?: MetricsRegistry,
  ) {
    this.gauge = new Gauge({
      name: 'custos_storage_unrecorded_originals',
      help: 'Originals in the footage store that no segment record names (found by the last reconciliation)',
      registers: [registry ?? new Registry()],
    });
  }

  /** One pass over the store; returns the keys no record names. */
  async reconcile(): Promise<string[]> {
    const unrecorded: string[] = [];
    let batch: string[] = [];
    const check = async () => {
      const { rows } = await this.pool.query<{ object_key: string }>(
        'SELECT object_key FROM storage_segments WHERE object_key = ANY($1)',
        [batch],
      );
      const recorded = new Set(rows.map((r) => r.object_key));
      unrecorded.push(...batch.filter((key) => !recorded.has(key)));
      batch = [];
    };
    for await (const key of this.store.listKeys('originals/')) {
      batch.push(key);
      if (batch.length >= BATCH) await check();
    }
    if (batch.length > 0) await check();
    for (const key of unrecorded) {
      this.logger.warn({
        msg: 'original in the store with no record',
        code: 'CUSTOS_R16_3_ORIGINAL_UNRECORDED',
        rule: 'R16.3',
        key,
      });
    }
    this.gauge.set(unrecorded.length);
    return unrecorded;
  }

  onModuleInit(): void {
    this.job = new PeriodicTask(() => this.reconcile(), {
      name: 'OriginalsReconciliation',
      failureCode: 'CUSTOS_STORAGE_RECONCILIATION_FAILED',
      intervalMs: this.intervalMs,
    });
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job?.stop() ?? Promise.resolve();
  }
}
