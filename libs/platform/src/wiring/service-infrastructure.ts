import { DynamicModule, Type } from '@nestjs/common';
import { AccessDenialRecorder, AccessDenialRecorderBinding, AuthModule } from '@custos/auth';
import { accessDeniedDefinition, EventRegistry } from '@custos/contracts';
import { EventStore, EVENTSTORE_POOL } from '@custos/eventstore';
import { Pool } from 'pg';
import type { RegistryCallerConfig } from '../config/caller-configs';
import { CommonConfig } from '../config/common.config';
import { configureEventSignatures } from '../config/event-signing';
import { HealthModule } from '../health/health.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReadinessCheck } from '../health/readiness-check';
import { serviceBusCheck, serviceReadinessChecks } from '../health/service-checks';
import { PlatformModule } from '../platform.module';
import type { ApprovalTrust } from '../service-clients/approval-trust.port';
import type { HttpServiceClientOptions } from '../service-clients/http-json';
import { approvalTrustOf } from '../service-clients/ledger-pinned-approval-trust';
import { publishedEventKeysProvider } from '../service-clients/published-event-keys';
import { EventStoreAccessDenialRecorder } from './access-denial.recorder';
import {
  authConfigOf,
  ClientCredentials,
  serviceAudienceOf,
  serviceTokenOf,
  ServiceTokenSource,
} from './service-wiring';

export interface ServiceBaseImportsOptions {
  /** `registry`, `requests`, ...: names the service in logs, metrics and its database connection. */
  readonly service: string;
  /** What `/health/ready` waits for (default: `serviceReadinessChecks(config, service)`). */
  readonly readinessChecks?: ReadinessCheck[];
  /** Where the global guards record refused accesses (R3.1, R5.1, R16.6): a recorder, or how Nest makes one (`serviceDenials`). */
  readonly accessDenialRecorder: AccessDenialRecorder | AccessDenialRecorderBinding;
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
    AuthModule.forRoot(authConfigOf(config, service), { recorder: recorderBindingOf(options.accessDenialRecorder) }),
    IdempotencyModule.forRoot({ databaseUrl: config.DATABASE_URL }),
  ];
}

function recorderBindingOf(recorder: AccessDenialRecorder | AccessDenialRecorderBinding): AccessDenialRecorderBinding {
  return 'record' in recorder ? { useValue: recorder } : recorder;
}

/** The settings a service that calls other services reads (the common ones: its client among them). */
export type ServiceInfrastructureConfig = CommonConfig;

/** The token a service presents to `target` (`registry`, `storage`, …), with the scopes the calls need. */
export type ServiceTokenFor = (target: string, scopes?: readonly string[]) => ServiceTokenSource;

export interface ServiceInfrastructureOptions {
  readonly service: string;
  /** The demo user (role SERVICE) the service signs in as at the development issuer; default `service.<service>`. */
  readonly serviceUser?: string;
  /** The service's own events; `<service>.AccessDenied` is added when they do not name it. */
  readonly eventRegistry: EventRegistry;
  readonly readinessChecks?: ReadinessCheck[];
}

export interface ServiceInfrastructure {
  /** `serviceBaseImports`, denials going to the service's own event log. */
  readonly imports: DynamicModule[];
  /** The service's own token for calls to another service: one source (and audience) per target. */
  readonly serviceTokenFor: ServiceTokenFor;
}

/**
 * The wiring the root module of an event-sourced service that calls other services shares with
 * the others: the base imports with an `EventStoreAccessDenialRecorder` on the kernel's pool
 * (`serviceDenials`) and the service token. The root module adds its own feature module.
 */
export function serviceInfrastructure(config: ServiceInfrastructureConfig, options: ServiceInfrastructureOptions): ServiceInfrastructure {
  const { service } = options;
  const client = serviceClientOf(config, service, options.serviceUser ?? `service.${service}`);
  const serviceTokenFor: ServiceTokenFor = (target, scopes) =>
    serviceTokenOf({ embedded: config.EMBEDDED_MODE, issuer: config.CUSTOS_AUTH_ISSUER, client, audience: serviceAudienceOf(config, target), scopes });
  return { imports: ownLogBaseImports(config, options), serviceTokenFor };
}

/**
 * `serviceBaseImports` of a service whose refused accesses are events of its own log
 * (`serviceDenials`); its event registry learns `<service>.AccessDenied` if it does not know it.
 */
function ownLogBaseImports(config: CommonConfig, options: ServiceInfrastructureOptions): DynamicModule[] {
  const { service, eventRegistry } = options;
  const events = eventRegistry.has(`${service}.AccessDenied`) ? eventRegistry : eventRegistry.register(accessDeniedDefinition(service));
  return serviceBaseImports(config, { service, readinessChecks: options.readinessChecks, accessDenialRecorder: serviceDenials(config, service, events) });
}

/**
 * The root module of an event-sourced service that calls no other service (the ledger,
 * oversight): the base imports, refused accesses going to its own event log, and its modules
 * (its kernel among them, where the feature module does not open one itself).
 */
export function selfContainedRootModule(
  module: Type,
  config: CommonConfig,
  options: Omit<ServiceInfrastructureOptions, 'serviceUser'>,
  ...modules: DynamicModule[]
): DynamicModule {
  return { module, imports: [...ownLogBaseImports(config, options), ...modules] };
}

/** What a root module gives its feature module to call other services with. */
export interface ServiceCalls {
  /** The service's own token for `target`, with the scopes the calls need. */
  readonly tokenFor: ServiceTokenFor;
  /** The registry's API with the service's token for it (directory, facts, event keys). */
  readonly registry: HttpServiceClientOptions;
  /**
   * Whom approving organs' keys are trusted from (R18.5): the approvals service, pinned to the
   * ledger's record when LEDGER_URL is set (`approvalTrustOf`).
   */
  approvalTrust(config: { readonly APPROVALS_URL: string; readonly LEDGER_URL: string }): ApprovalTrust;
}

/**
 * The root module of an event-sourced service that calls other services: the infrastructure
 * (`serviceInfrastructure`), the service's feature module, made by `feature` with what it calls
 * others with, and the event-signing keys the registry publishes, pinned beside
 * EVENT_TRUSTED_KEYS (issue 16).
 */
export function serviceRootModule(
  module: Type,
  config: RegistryCallerConfig,
  options: ServiceInfrastructureOptions,
  feature: (calls: ServiceCalls) => DynamicModule,
): DynamicModule {
  const { imports, serviceTokenFor: tokenFor } = serviceInfrastructure(config, options);
  const registry = { baseUrl: config.REGISTRY_URL, serviceToken: tokenFor('registry') };
  const calls: ServiceCalls = {
    tokenFor,
    registry,
    approvalTrust: ({ APPROVALS_URL, LEDGER_URL }) =>
      approvalTrustOf({ approvalsUrl: APPROVALS_URL, ledgerUrl: LEDGER_URL, approvalsToken: tokenFor('approvals'), ledgerToken: tokenFor('ledger') }),
  };
  return { module, imports: [...imports, feature(calls)], providers: [publishedEventKeysProvider(registry)] };
}

/**
 * Where the global guards record a service's refused accesses: an `EventStoreAccessDenialRecorder`
 * on the service's own event log, through the kernel's pool (`serviceKernel`, a global module:
 * no pool of its own). `eventRegistry` knows `<service>.AccessDenied`. The recorder writes its
 * last window when the application stops (onModuleDestroy), before the kernel closes the pool.
 */
export function serviceDenials(
  config: Pick<CommonConfig, 'DENIAL_WINDOW_MS'>,
  service: string,
  eventRegistry: EventRegistry,
): AccessDenialRecorderBinding {
  return {
    useFactory: (pool: Pool) => new EventStoreAccessDenialRecorder(new EventStore(pool, service, eventRegistry), service, { windowMs: config.DENIAL_WINDOW_MS }),
    inject: [EVENTSTORE_POOL],
  };
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
