import { randomUUID } from 'node:crypto';
import {
  Actor,
  LEDGER_SEQUENCE_GAP_CLOSED,
  LEDGER_SEQUENCE_GAP_DETECTED,
  PendingEvent,
  SequenceGapClosed,
  SequenceGapDetected,
  sequenceGapsAggregateId,
} from '@custos/contracts';
import { EventStore, EventStoreError } from '@custos/eventstore';
import { Pool } from 'pg';
import { LedgerWorkerOptions } from '../../ledger.metrics';
import { decideGaps, describeRange, missingRanges, MissingRange, openAlarms, OpenAlarm } from '../../domain/sequence-gaps';

export interface GapMonitorOptions extends LedgerWorkerOptions {
  readonly pool: Pool;
  /** The ledger's own event store: alarms are events, and so reach the Merkle log too. */
  readonly events: EventStore;
  readonly services: readonly string[];
  readonly graceMs: number;
  readonly intervalMs: number;
}

export interface ServiceGapStatus {
  readonly service: string;
  readonly contiguousThrough: number;
  readonly highestSeen: number;
  readonly missing: ReadonlyArray<{ from: number; to: number; noticedAt: string; alarmed: boolean }>;
}

/** What `/health` shows about gaps: one line per missing range, and the numbers behind them. */
export interface GapStatus {
  readonly checkedAt: string | null;
  /** False while any alarm is open. */
  readonly contiguous: boolean;
  readonly openAlarms: number;
  readonly lines: readonly string[];
  readonly services: readonly ServiceGapStatus[];
}

const LEDGER_ACTOR: Actor = { subject: 'custos-ledger', roles: ['SERVICE'] };

/**
 * Watches each service's sequence numbers in the log. A number missing for longer than the
 * grace period raises `ledger.SequenceGapDetected`; when all its numbers have arrived,
 * `ledger.SequenceGapClosed`. Alarms live in the ledger's event store (one stream per watched
 * service, appended with optimistic concurrency, so replicas never raise one gap twice), in
 * the `custos_ledger_sequence_gaps` gauge, and in `gapStatus()`.
 *
 * Out of reach by design: the very last events of a service, with nothing after them, leave
 * no hole to see; the outbox backlog metric of that service is what shows them.
 */
export class GapMonitor {
  private timer?: NodeJS.Timeout;
  private running?: Promise<GapStatus>;
  private status: GapStatus = { checkedAt: null, contiguous: true, openAlarms: 0, lines: [], services: [] };

  constructor(private readonly options: GapMonitorOptions) {}

  start(): void {
    if (this.timer !== undefined) return;
    const check = () => void this.checkNow().catch((e) => this.options.onError?.(e));
    this.timer = setInterval(check, this.options.intervalMs);
    check();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  gapStatus(): GapStatus {
    return this.status;
  }

  /** One pass over every watched service; concurrent callers share it. */
  checkNow(): Promise<GapStatus> {
    this.running ??= this.check().finally(() => (this.running = undefined));
    return this.running;
  }

  private async check(): Promise<GapStatus> {
    const { pool, services } = this.options;
    const { rows } = await pool.query(
      `SELECT now() AS now, p.service, p.contiguous_through, p.highest_seen
         FROM unnest($1::text[]) AS s(service) JOIN ledger_sequence_progress p USING (service)`,
      [services],
    );
    const now: Date = rows[0]?.now ?? new Date();
    const statuses: ServiceGapStatus[] = [];
    const lines: string[] = [];
    let alarms = 0;
    for (const service of services) {
      const row = rows.find((r) => r.service === service);
      const contiguousThrough = Number(row?.contiguous_through ?? 0);
      const highestSeen = Number(row?.highest_seen ?? 0);
      const missing = highestSeen > contiguousThrough ? await this.missing(service, contiguousThrough) : [];
      const open = await this.reconcile(service, now, missing, highestSeen);
      alarms += open.length;
      const alarmed = (m: MissingRange) => open.some((a) => a.from <= m.to && m.from <= a.to);
      for (const m of missing) {
        const age = Math.round((now.getTime() - m.noticedAt.getTime()) / 1000);
        lines.push(
          `${service}: ${describeRange(m)} missing for ${age} s${alarmed(m) ? ' (alarm raised)' : ' (within grace)'}`,
        );
      }
      this.options.metrics.sequenceGaps.set({ source_service: service }, open.length);
      this.options.metrics.missingSequences.set(
        { source_service: service },
        missing.reduce((n, m) => n + m.to - m.from + 1, 0),
      );
      statuses.push({
        service,
        contiguousThrough,
        highestSeen,
        missing: missing.map((m) => ({
          from: m.from,
          to: m.to,
          noticedAt: m.noticedAt.toISOString(),
          alarmed: alarmed(m),
        })),
      });
    }
    this.status = {
      checkedAt: now.toISOString(),
      contiguous: alarms === 0,
      openAlarms: alarms,
      lines: lines.length > 0 ? lines : ['every watched service is contiguous'],
      services: statuses,
    };
    return this.status;
  }

  private async missing(service: string, contiguousThrough: number): Promise<MissingRange[]> {
    const { rows } = await this.options.pool.query(
      `SELECT service_sequence, min(appended_at) AS appended_at FROM ledger_leaves
        WHERE service = $1 AND service_sequence > $2 GROUP BY service_sequence ORDER BY service_sequence`,
      [service, contiguousThrough],
    );
    return missingRanges(
      contiguousThrough,
      rows.map((r) => ({ sequence: Number(r.service_sequence), appendedAt: r.appended_at as Date })),
    );
  }

  /** Raises and closes alarms as decided; returns the alarms open afterwards. */
  private async reconcile(
    service: string,
    now: Date,
    missing: MissingRange[],
    highestSeen: number,
  ): Promise<OpenAlarm[]> {
    const { events, graceMs } = this.options;
    const aggregateId = sequenceGapsAggregateId(service);
    const stream = await events.readStream(aggregateId);
    const open = openAlarms(stream);
    const { raise, close } = decideGaps(now, graceMs, missing, open);
    if (raise.length === 0 && close.length === 0) return open;
    const correlationId = randomUUID();
    const gapEvent = (type: string, payload: SequenceGapDetected | SequenceGapClosed): PendingEvent => ({
      type,
      schemaVersion: 1,
      actor: LEDGER_ACTOR,
      correlationId,
      payload: { ...payload },
    });
    const pending: PendingEvent[] = [
      ...raise.map((r) =>
        gapEvent(LEDGER_SEQUENCE_GAP_DETECTED, {
          sourceService: service,
          fromSequence: r.from,
          toSequence: r.to,
          highestSeen,
          noticedAt: r.noticedAt.toISOString(),
          graceMs,
        }),
      ),
      ...close.map((a) =>
        gapEvent(LEDGER_SEQUENCE_GAP_CLOSED, {
          sourceService: service,
          fromSequence: a.from,
          toSequence: a.to,
          detectedEventId: a.eventId,
        }),
      ),
    ];
    try {
      await events.append({ aggregateId, expectedVersion: stream.length, events: pending });
    } catch (error) {
      // Another replica decided first; its alarms are read on the next pass.
      if (error instanceof EventStoreError && error.code === 'CUSTOS_ES_CONCURRENCY_CONFLICT') return open;
      throw error;
    }
    return openAlarms(await events.readStream(aggregateId));
  }
}
