import { DynamicModule, Provider } from '@nestjs/common';
import { AccessDenialRecorder, AuthModule } from '@custos/auth';
import { EventRegistry } from '@custos/contracts';
import { EventStore, resilientPool } from '@custos/eventstore';
import { CommonConfig } from '../config/common.config';
import { configureEventSignatures } from '../config/event-signing';
import { HealthModule } from '../health/health.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReadinessCheck } from '../health/readiness-check';
import { serviceBusCheck, serviceReadinessChecks } from '../health/service-checks';
import { PlatformModule } from '../platform.module';
import { EventStoreAccessDenialRecorder } from './access-denial.recorder';
import {
  authConfigOf,
  ClientCredentials,
  closeOnShutdown,
  serviceAudienceOf,
  serviceTokenOf,
  ServiceTokenSource,
} from './service-wiring';

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
 * (PlatformModule), the health endpoints, the global auth guards and
 * `Idempotency-Key` on commands.
 */
export function serviceBaseImports(config: CommonConfig, options: ServiceBaseImportsOptions): DynamicModule[] {
  const { service } = options;
  configureEventSignatures(config, service);
  return [
    PlatformModule.forRoot({ service, config }),
    HealthModule.forRoot({
      checks: options.readinessChecks ?? serviceReadinessChecks(config, service),
      metricsOnly: [serviceBusCheck(config, service)],
    }),
    AuthModule.forRoot(authConfigOf(config, service), { recorder: { useValue: options.accessDenialRecorder } }),
    IdempotencyModule.forRoot({ databaseUrl: config.DATABASE_URL }),
  ];
}

/** The settings a service that calls other services reads (the common ones: its client among them). */
export type ServiceInfrastructureConfig = CommonConfig;

/** The token a service presents to `target` (`registry`, `storage`, …), with the scopes the calls need. */
export type ServiceTokenFor = (target: string, scopes?: readonly string[]) => ServiceTokenSource;

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
  /** The service's own token for calls to another service: one source (and audience) per target. */
  readonly serviceTokenFor: ServiceTokenFor;
  /** Close the denial recorder's pool when the application shuts down (the bus is the kernel's, `serviceKernel`). */
  readonly providers: Provider[];
}

/**
 * The wiring the root module of an event-sourced service that calls other services shares with
 * the others: the base imports with an `EventStoreAccessDenialRecorder` on its own small pool
 * (the schema is created by the service's own module at start) and the service token. The root module adds its own feature module and the `providers` returned.
 */
export function serviceInfrastructure(config: ServiceInfrastructureConfig, options: ServiceInfrastructureOptions): ServiceInfrastructure {
  const { service } = options;
  const denials = serviceDenials(config, service, options.eventRegistry);
  const client = serviceClientOf(config, service, options.serviceUser);
  const serviceTokenFor: ServiceTokenFor = (target, scopes) =>
    serviceTokenOf({ embedded: config.EMBEDDED_MODE, issuer: config.CUSTOS_AUTH_ISSUER, client, audience: serviceAudienceOf(config, target), scopes });
  const imports = serviceBaseImports(config, {
    service,
    readinessChecks: options.readinessChecks,
    accessDenialRecorder: denials.recorder,
  });
  return { imports, serviceTokenFor, providers: denials.providers };
}

/**
 * Where the global guards record a service's refused accesses: an `EventStoreAccessDenialRecorder`
 * on the service's own event log, through a small pool of its own (the kernel checks the schema
 * at start), closed with the application (`providers`).
 */
export function serviceDenials(
  config: Pick<CommonConfig, 'DATABASE_URL' | 'DENIAL_WINDOW_MS'>,
  service: string,
  eventRegistry: EventRegistry,
): { readonly recorder: EventStoreAccessDenialRecorder; readonly providers: Provider[] } {
  const pool = resilientPool({ connectionString: config.DATABASE_URL, max: 2 });
  const store = new EventStore(pool, service, eventRegistry);
  return { recorder: new EventStoreAccessDenialRecorder(store, service, { windowMs: config.DENIAL_WINDOW_MS }), providers: [closeOnShutdown(pool)] };
}

/**
 * The service's client at the OpenID provider. In the embedded mode, unless one is configured,
 * its demo user at the development issuer (which checks no secret); otherwise a service that
 * calls others refuses to start without one (there is no static token to fall back on).
 */
function serviceClientOf(config: CommonConfig, service: string, serviceUser: string): ClientCredentials {
  const clientId = config.CUSTOS_AUTH_CLIENT_ID.trim();
  const clientSecret = config.CUSTOS_AUTH_CLIENT_SECRET.trim();
  const tokenUrl = config.CUSTOS_AUTH_TOKEN_URL.trim();
  if (clientId && clientSecret) return { clientId, clientSecret, ...(tokenUrl ? { tokenUrl } : {}) };
  if (config.EMBEDDED_MODE) return { clientId: serviceUser, clientSecret: 'embedded-mode' };
  throw new Error(
    `CUSTOS_AUTH_CLIENT_ID and CUSTOS_AUTH_CLIENT_SECRET are required when EMBEDDED_MODE=false: the client ${service} calls the other services with (client credentials)`,
  );
}
