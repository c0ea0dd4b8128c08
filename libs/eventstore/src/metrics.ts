import { Counter, Gauge, Registry } from 'prom-client';

/** The metrics of the kernel that owns each pool (`EventStoreModule`), for the consumers built on it. */
const byPool = new WeakMap<object, KernelMetrics>();

/** The kernel's Prometheus metrics, registered on a service's registry (`/metrics`). */
export class KernelMetrics {
  readonly outboxBacklog: Gauge<'service'>;
  readonly published: Counter<'service'>;
  readonly publishFailures: Counter<'service'>;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  readonly consumed: Counter<'consumer'>;
  readonly deadLetters: Counter<'consumer'>;
  readonly quarantined: Counter<'reader'>;
  readonly refusedEvents: Counter<'consumer' | 'code'>;

  constructor(readonly registry: Registry = new Registry()) {
    const registers = [registry];
    this.outboxBacklog = new Gauge({ name: 'custos_outbox_backlog', help: 'Committed events not yet published to the bus', labelNames: ['service'], registers });
    this.published = new Counter({ name: 'custos_events_published_total', help: 'Events published to the bus', labelNames: ['service'], registers });
    this.publishFailures = new Counter({ name: 'custos_publish_failures_total', help: 'Failed publish attempts (retried with backoff)', labelNames: ['service'], registers });
    this.consumerLag = new Gauge({ name: 'custos_consumer_lag', help: 'Messages behind the partition head', labelNames: ['group', 'topic', 'partition'], registers });
    this.consumed = new Counter({ name: 'custos_events_consumed_total', help: 'Events handled by a consumer (first delivery)', labelNames: ['consumer'], registers });
    this.deadLetters = new Counter({ name: 'custos_dead_letters_total', help: 'Events sent to the dead-letter table', labelNames: ['consumer'], registers });
    this.refusedEvents = new Counter({ name: 'custos_events_refused_total', help: 'Events refused as forged, unsigned or wrongly signed (issue 16), by reason code', labelNames: ['consumer', 'code'], registers });
    this.quarantined = new Counter({ name: 'custos_consumer_quarantined_total', help: 'Events a consumer set aside after its handler kept failing', labelNames: ['reader'], registers });
  }
}

/** Counts what the consumers on `pool` do on `metrics` (the kernel of the service that owns the pool). */
export function useKernelMetrics(pool: object, metrics: KernelMetrics): void {
  byPool.set(pool, metrics);
}

/** The kernel metrics registered for `pool`, if any. */
export function kernelMetricsOf(pool: object): KernelMetrics | undefined {
  return byPool.get(pool);
}
