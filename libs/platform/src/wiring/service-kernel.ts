import { DynamicModule, Provider } from '@nestjs/common';
import { BusOptions, EventStoreModule, EventStoreModuleOptions, EventTransport, SERVICE_WORKERS, serviceWorkers, ServiceWorkersSpec } from '@custos/eventstore';
import type { CommonConfig } from '../config/common.config';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { QUARANTINE_READERS } from '../quarantine/quarantine.http.controller';
import { eventBusOf } from './service-wiring';

/**
 * The kernel of a service (`EventStoreModule`): pool, store, bus, relay, with the kernel's
 * metrics on the application's `/metrics` (or on a registry of their own when the application
 * has none, as in tests of a module alone).
 */
export function serviceKernel(options: Omit<EventStoreModuleOptions, 'metricsRegistry'>): DynamicModule {
  return EventStoreModule.forRoot({ ...options, metricsRegistry: MetricsRegistry });
}

/**
 * The kernel of a service whose root module wires it from the service's own settings: its
 * database (DATABASE_URL) and the configured bus (`eventBusOf`).
 */
export function configuredServiceKernel(
  config: CommonConfig,
  options: Pick<EventStoreModuleOptions, 'service' | 'registry' | 'migrations' | 'pool'>,
): DynamicModule {
  return serviceKernel({ ...options, databaseUrl: config.DATABASE_URL, bus: eventBusOf(config) });
}

/** The bus a service module was given: settings from configuration, or a transport of the caller's. */
export function busOf(bus: BusOptions | EventTransport, topicPrefix?: string): BusOptions {
  return 'kind' in bus ? bus : { kind: 'transport', transport: bus, topicPrefix };
}

/** A service's consumers and timers on the kernel (`serviceWorkers`), named for the quarantine command. */
export function serviceWorkerProviders(spec: ServiceWorkersSpec): Provider[] {
  return [serviceWorkers(spec), { provide: QUARANTINE_READERS, useExisting: SERVICE_WORKERS }];
}
