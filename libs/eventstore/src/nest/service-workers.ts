import { InjectionToken, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { Pool } from 'pg';
import { EventConsumer } from '../consumer/event-consumer';
import { Projection, ProjectionRunner } from '../projection/projection';
import { KernelMetrics } from '../metrics';
import { QuarantineReader } from '../quarantine/quarantine';
import { EventStore } from '../store/event-store';
import { EventTransport } from '../transport/transport';
import { EVENT_TRANSPORT, EVENTSTORE_OPTIONS, EVENTSTORE_POOL, EventStoreModuleOptions } from './eventstore.module';

/** What the kernel gives a service's workers: its pool, store, bus and metrics. */
export interface Kernel {
  readonly service: string;
  readonly pool: Pool;
  readonly store: EventStore;
  readonly transport: EventTransport;
  readonly topicPrefix?: string;
  readonly metrics: KernelMetrics;
}

/** Something that runs while the application does: a consumer, a periodic task, a sweeper. */
export interface Worker {
  start(): unknown;
  stop(): Promise<unknown>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the injected providers are the spec's own */
export interface ServiceWorkersSpec {
  /** Providers of the service the factories below receive after the kernel. */
  readonly inject?: readonly InjectionToken[];
  /** Built when the application starts, started in order, stopped in the same order (before the kernel's relay, bus and pool). */
  readonly workers?: (kernel: Kernel, ...deps: any[]) => readonly Worker[];
  /** The readers for the operator's quarantine command beside the consumers among the workers (projections, …). */
  readonly readers?: (kernel: Kernel, ...deps: any[]) => readonly QuarantineReader[];
  /** Run the workers (default true); false serves the API alone. */
  readonly run?: boolean;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The token of a service's `ServiceWorkers` (its quarantine readers too). */
export const SERVICE_WORKERS = Symbol('SERVICE_WORKERS');

/**
 * A service's consumers and timers on the kernel: started with the application (after the
 * kernel's relay), stopped with it (before the relay, the bus and the pool), and the readers
 * they and the service's projections are, for the quarantine command.
 */
export class ServiceWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private workers: readonly Worker[] = [];

  constructor(
    private readonly kernel: Kernel,
    private readonly spec: ServiceWorkersSpec,
    private readonly deps: readonly unknown[],
  ) {}

  readers(): QuarantineReader[] {
    const consumers = this.workers.filter((w): w is EventConsumer => w instanceof EventConsumer);
    return [...(this.spec.readers?.(this.kernel, ...this.deps) ?? []), ...consumers.map((c) => c.quarantineReader(this.kernel.store))];
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.spec.run === false) return;
    this.workers = this.spec.workers?.(this.kernel, ...this.deps) ?? [];
    for (const worker of this.workers) await worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const worker of this.workers) await worker.stop();
  }
}

/** The provider of a service's workers (`SERVICE_WORKERS`), in the service's own module. */
export function serviceWorkers(spec: ServiceWorkersSpec): Provider {
  return {
    provide: SERVICE_WORKERS,
    useFactory: (options: EventStoreModuleOptions, pool: Pool, store: EventStore, transport: EventTransport, metrics: KernelMetrics, ...deps: unknown[]) =>
      new ServiceWorkers({ service: options.service, pool, store, transport, topicPrefix: options.bus.topicPrefix, metrics }, spec, deps),
    inject: [EVENTSTORE_OPTIONS, EVENTSTORE_POOL, EventStore, EVENT_TRANSPORT, KernelMetrics, ...(spec.inject ?? [])],
  };
}

/** The runner of a service's projection on the kernel's pool and store, under `token` (to rebuild a read model from the log). */
export function projectionRunnerProvider(token: InjectionToken, projection: Projection): Provider {
  return { provide: token, useFactory: (pool: Pool, store: EventStore) => new ProjectionRunner(pool, store, projection), inject: [EVENTSTORE_POOL, EventStore] };
}
