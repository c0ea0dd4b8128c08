import {
  DynamicModule,
  Inject,
  Injectable,
  InjectionToken,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventRegistry } from '@custos/contracts';
import { migratedPool, SchemaMigration } from '@custos/migrations';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { KernelMetrics, useKernelMetrics } from '../metrics';
import { OutboxRelay } from '../relay/outbox-relay';
import { EventStore } from '../store/event-store';
import { resilientPool } from '../store/sql';
import { EmbeddedTransport } from '../transport/embedded.transport';
import { KafkaTransport } from '../transport/kafka.transport';
import { KafkaSecurity } from '../transport/kafka-security';
import { EventTransport } from '../transport/transport';

export type BusOptions =
  | {
      readonly kind: 'kafka';
      readonly brokers: readonly string[];
      readonly topicPrefix?: string;
      readonly security?: KafkaSecurity;
      /** Partitions handled side by side (the ledger joins them into one append); kafkajs's default 1. */
      readonly partitionsConsumedConcurrently?: number;
    }
  | { readonly kind: 'embedded'; readonly databaseUrl: string; readonly topicPrefix?: string }
  /** A transport the caller made (tests, tools); the caller closes it. */
  | { readonly kind: 'transport'; readonly transport: EventTransport; readonly topicPrefix?: string };

export interface EventStoreModuleOptions {
  readonly service: string;
  readonly databaseUrl: string;
  readonly registry: EventRegistry;
  readonly bus: BusOptions;
  /** DI token of the application's Prometheus registry (`/metrics`); absent or not provided: metrics of its own. */
  readonly metricsRegistry?: InjectionToken;
  /** Start the outbox relay with the application (default true). */
  readonly relay?: boolean;
  /** The migrations the service's database must have (checked at start; the kernel's at least). */
  readonly migrations: readonly SchemaMigration[];
  /** A pool on the service's database to share (the caller ends it); by default the kernel opens one of 10 and ends it. */
  readonly pool?: Pool;
}

export const EVENTSTORE_OPTIONS = Symbol('EVENTSTORE_OPTIONS');
export const EVENTSTORE_POOL = Symbol('EVENTSTORE_POOL');
export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

/** Stands in for the bus where nothing is published or consumed (tests of the API alone). */
export const NO_BUS: EventTransport = {
  publish: async () => undefined,
  subscribe: async () => ({ stop: async () => undefined }),
  close: async () => undefined,
};

function reportTo(logger: Logger, what: string): (error: unknown) => void {
  return (error) => logger.error({ msg: `${what} failed`, reason: String((error as Error)?.message ?? error) });
}

/**
 * Owns the kernel's connections: runs the relay, closes it all on shutdown. A global module, so
 * Nest starts it before the service's own workers and stops it after them: the consumers are
 * stopped before the transport closes, and the pool ends last.
 */
@Injectable()
export class EventStoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;

  constructor(
    @Inject(EVENTSTORE_OPTIONS) private readonly options: EventStoreModuleOptions,
    @Inject(EVENTSTORE_POOL) private readonly pool: Pool,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly metrics: KernelMetrics,
  ) {
    useKernelMetrics(pool, metrics);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relay === false) return;
    this.relay = new OutboxRelay({
      service: this.options.service,
      connection: { connectionString: this.options.databaseUrl },
      transport: this.transport,
      topicPrefix: this.options.bus.topicPrefix,
      idlePollMs: 500,
      metrics: this.metrics,
      onError: reportTo(new Logger(this.options.service), `${this.options.service} relay`),
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    if (this.options.bus.kind !== 'transport') await this.transport.close();
    if (!this.options.pool) await this.pool.end();
  }
}

/**
 * The event-sourcing kernel for one service: its pool (the database checked migrated before
 * anything uses it), EventStore, the bus transport chosen by configuration, the relay and the
 * metrics. The service's consumers and timers run beside it (`ServiceWorkers`).
 */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    const logger = new Logger(options.service);
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: EVENTSTORE_OPTIONS, useValue: options },
        {
          provide: EVENTSTORE_POOL,
          useFactory: () => {
            const pool = options.pool ?? resilientPool({ connectionString: options.databaseUrl, max: 10 }, reportTo(logger, 'database connection'));
            return migratedPool(pool, options.service, options.migrations);
          },
        },
        { provide: EVENT_TRANSPORT, useFactory: () => transportFor(options) },
        {
          provide: KernelMetrics,
          useFactory: (registry?: Registry) => new KernelMetrics(registry ?? undefined),
          inject: options.metricsRegistry ? [{ token: options.metricsRegistry, optional: true }] : [],
        },
        { provide: EventRegistry, useValue: options.registry },
        {
          provide: EventStore,
          useFactory: (pool: Pool) => new EventStore(pool, options.service, options.registry),
          inject: [EVENTSTORE_POOL],
        },
        EventStoreLifecycle,
      ],
      exports: [EVENTSTORE_POOL, EVENT_TRANSPORT, EventStore, EventRegistry, KernelMetrics, EVENTSTORE_OPTIONS],
    };
  }
}

function transportFor(options: EventStoreModuleOptions): EventTransport {
  const { bus } = options;
  if (bus.kind === 'transport') return bus.transport;
  return bus.kind === 'kafka'
    ? new KafkaTransport({
        brokers: bus.brokers,
        clientId: `custos-${options.service}`,
        security: bus.security,
        ...(bus.partitionsConsumedConcurrently ? { partitionsConsumedConcurrently: bus.partitionsConsumedConcurrently } : {}),
      })
    : EmbeddedTransport.connect(bus.databaseUrl);
}
