import { DynamicModule, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BusOptions, EventStoreModule, EventStoreModuleOptions, EventTransport, SERVICE_WORKERS, serviceWorkers, ServiceWorkersSpec } from '@custos/eventstore';
import { RulePackConfig } from '@custos/domain';
import { CommonConfig, rulePacksOf } from '../config/common.config';
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

/** What a service module that opens its own kernel is given: its database and bus, and whether its workers run. */
export interface ServiceModuleKernelOptions {
  readonly databaseUrl: string;
  /** The bus: its settings (`eventBusOf(config)`; the kernel opens and closes it), or a transport of the caller's (tests). */
  readonly transport: BusOptions | EventTransport;
  readonly topicPrefix?: string;
  /** The relay runs with the workers. */
  readonly runWorkers: boolean;
}

/**
 * What a service module that opens its own kernel takes from the service's settings: its
 * database, the configured bus and the rule packs.
 */
export function serviceModuleSettingsOf(config: CommonConfig): { readonly databaseUrl: string; readonly transport: BusOptions; readonly rulePacks: RulePackConfig } {
  return { databaseUrl: config.DATABASE_URL, transport: eventBusOf(config), rulePacks: rulePacksOf(config) };
}

/**
 * The imports of a service module that opens its own kernel: the CQRS buses its use cases are
 * on, and the kernel on the database and bus the module was given.
 */
export function serviceModuleKernel(
  service: string,
  options: ServiceModuleKernelOptions,
  events: Pick<EventStoreModuleOptions, 'registry' | 'migrations'>,
): DynamicModule[] {
  const bus = busOf(options.transport, options.topicPrefix);
  return [CqrsModule.forRoot(), serviceKernel({ service, databaseUrl: options.databaseUrl, bus, relay: options.runWorkers, ...events })];
}

/** The bus a service module was given: settings from configuration, or a transport of the caller's. */
export function busOf(bus: BusOptions | EventTransport, topicPrefix?: string): BusOptions {
  return 'kind' in bus ? bus : { kind: 'transport', transport: bus, topicPrefix };
}

/** A service's consumers and timers on the kernel (`serviceWorkers`), named for the quarantine command. */
export function serviceWorkerProviders(spec: ServiceWorkersSpec): Provider[] {
  return [serviceWorkers(spec), { provide: QUARANTINE_READERS, useExisting: SERVICE_WORKERS }];
}
