import { DynamicModule, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessDenialRecorder, AuthModule } from '@custos/auth';
import { EventRegistry } from '@custos/contracts';
import { EventStore, EventTransport, resilientPool } from '@custos/eventstore';
import { CommonConfig } from '../config/common.config';
import { typeOrmOptionsFor } from '../database/typeorm-options';
import { HealthModule } from '../health/health.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReadinessCheck } from '../health/readiness-check';
import { serviceBusCheck, serviceReadinessChecks } from '../health/service-checks';
import { PlatformModule } from '../platform.module';
import { EventStoreAccessDenialRecorder } from './access-denial.recorder';
import { authConfigOf, closeOnShutdown, eventTransportOf, serviceTokenOf, ServiceTokenSource } from './service-wiring';

export interface ServiceBaseImportsOptions {
  /** `registry`, `requests`, ...: names the service in logs, metrics and its database connection. */
  readonly service: string;
  /** What `/health/ready` waits for (default: `serviceReadinessChecks(config, service)`). */
  readonly readinessChecks?: ReadinessCheck[];
  /** Where the global guards record refused accesses (R3.1, R5.1, R16.6). */
  readonly accessDenialRecorder: AccessDenialRecorder;
}

/**
 * The modules every service's root module imports first, in this order: config and metrics
 * (PlatformModule), its TypeORM connection, the health endpoints, the global auth guards and
 * `Idempotency-Key` on commands.
 */
export function serviceBaseImports(config: CommonConfig, options: ServiceBaseImportsOptions): DynamicModule[] {
  const { service } = options;
  return [
    PlatformModule.forRoot({ service, config }),
    TypeOrmModule.forRootAsync({ useFactory: () => typeOrmOptionsFor(config, service) }),
    HealthModule.forRoot({
      checks: options.readinessChecks ?? serviceReadinessChecks(config, service),
      metricsOnly: [serviceBusCheck(config, service)],
    }),
    AuthModule.forRoot(authConfigOf(config), { recorder: { useValue: options.accessDenialRecorder } }),
    IdempotencyModule.forRoot({ databaseUrl: config.DATABASE_URL }),
  ];
}

/** The settings a service that calls other services reads besides the common ones. */
export interface ServiceInfrastructureConfig extends CommonConfig {
  /** Outside the embedded mode, the bearer token this service presents to the others. */
  readonly SERVICE_TOKEN?: string;
}

export interface ServiceInfrastructureOptions {
  readonly service: string;
  /** The demo user (role SERVICE) the service signs in as at the development issuer, e.g. `service.requests`. */
  readonly serviceUser: string;
  /** The service's own events, `<service>.AccessDenied` among them (`accessDeniedDefinition(service)`). */
  readonly eventRegistry: EventRegistry;
  readonly readinessChecks?: ReadinessCheck[];
}

export interface ServiceInfrastructure {
  /** `serviceBaseImports`, denials going to the service's own event log. */
  readonly imports: DynamicModule[];
  /** The bus transport for the service's relay and consumers. */
  readonly transport: EventTransport;
  /** The service's own token for calls to the other services. */
  readonly serviceToken: ServiceTokenSource;
  /** Close the transport and the denial recorder's pool when the application shuts down. */
  readonly providers: Provider[];
}

/**
 * The wiring the root module of an event-sourced service that calls other services shares with
 * the others: the base imports with an `EventStoreAccessDenialRecorder` on its own small pool
 * (the schema is created by the service's own module at start), the configured bus transport and
 * the service token. The root module adds its own feature module and the `providers` returned.
 */
export function serviceInfrastructure(config: ServiceInfrastructureConfig, options: ServiceInfrastructureOptions): ServiceInfrastructure {
  const { service } = options;
  const pool = resilientPool({ connectionString: config.DATABASE_URL, max: 2 });
  const store = new EventStore(pool, service, options.eventRegistry);
  const transport = eventTransportOf(config, service);
  const serviceToken = serviceTokenOf({
    embedded: config.EMBEDDED_MODE,
    issuer: config.AUTH_ISSUER,
    username: options.serviceUser,
    staticToken: config.SERVICE_TOKEN,
  });
  const imports = serviceBaseImports(config, {
    service,
    readinessChecks: options.readinessChecks,
    accessDenialRecorder: new EventStoreAccessDenialRecorder(store, service, { windowMs: config.DENIAL_WINDOW_MS }),
  });
  return { imports, transport, serviceToken, providers: [closeOnShutdown(transport), closeOnShutdown(pool)] };
}
