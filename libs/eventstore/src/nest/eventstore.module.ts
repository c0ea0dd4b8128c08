import { resilientPool } from '../store/sql';
import {
  DynamicModule,
  Inject,
  Injectable,
  InjectionToken,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EventRegistry } from '@custos/contracts';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { KernelMetrics } from '../metrics';
import { OutboxRelay } from '../relay/outbox-relay';
import { EventStore } from '../store/event-store';
import { migratedPool, SchemaMigration } from '@custos/migrations';
import { EmbeddedTransport } from '../transport/embedded.transport';
import { KafkaTransport } from '../transport/kafka.transport';
import { KafkaSecurity } from '../transport/kafka-security';
import { EventTransport } from '../transport/transport';

export type BusOptions =
  | { readonly kind: 'kafka'; readonly brokers: readonly string[]; readonly topicPrefix?: string; readonly security?: KafkaSecurity }
  | { readonly kind: 'embedded'; readonly databaseUrl: string; readonly topicPrefix?: string };

export interface EventStoreModuleOptions {
  readonly service: string;
  readonly databaseUrl: string;
  readonly registry: EventRegistry;
  readonly bus: BusOptions;
  /** DI token of the application's Prometheus registry (`/metrics`), when it has one. */
  readonly metricsRegistry?: InjectionToken;
  /** Start the outbox relay with the application (default true). */
  readonly relay?: boolean;
  /** The migrations the service's database must have (checked at start; the kernel's at least). */
  readonly migrations: readonly SchemaMigration[];
}

export const EVENTSTORE_OPTIONS = Symbol('EVENTSTORE_OPTIONS');
export const EVENTSTORE_POOL = Symbol('EVENTSTORE_POOL');
export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

/** Owns the kernel's connections: creates the schema, runs the relay, closes it all on shutdown. */
@Injectable()
export class EventStoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;

  constructor(
    @Inject(EVENTSTORE_OPTIONS) private readonly options: EventStoreModuleOptions,
    @Inject(EVENTSTORE_POOL) private readonly pool: Pool,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly metrics: KernelMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relay === false) return;
    this.relay = new OutboxRelay({
      service: this.options.service,
      connection: { connectionString: this.options.databaseUrl },
      transport: this.transport,
      topicPrefix: this.options.bus.topicPrefix,
      metrics: this.metrics,
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.transport.close();
    await this.pool.end();
  }
}

/**
 * The event-sourcing kernel for one service: its EventStore (with the schema ensured before
 * anything uses it), the bus transport chosen by configuration, the relay and the metrics.
 */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: EVENTSTORE_OPTIONS, useValue: options },
        {
          provide: EVENTSTORE_POOL,
          useFactory: async () => {
            const pool = resilientPool({ connectionString: options.databaseUrl, max: 10 });
            return migratedPool(pool, options.service, options.migrations);
          },
        },
        { provide: EVENT_TRANSPORT, useFactory: () => transportFor(options) },
        {
          provide: KernelMetrics,
          useFactory: (registry?: Registry) => new KernelMetrics(registry),
          inject: options.metricsRegistry ? [options.metricsRegistry] : [],
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
  return options.bus.kind === 'kafka'
    ? new KafkaTransport({ brokers: options.bus.brokers, clientId: `custos-${options.service}`, security: options.bus.security })
    : EmbeddedTransport.connect(options.bus.databaseUrl);
}
