import type { Server } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { createValidationPipe } from '../errors/request-validation.exception';
import { accessLogMiddleware } from '../logging/access-log.middleware';
import { correlationMiddleware } from '../logging/correlation.middleware';
import { currentRequestContext, runWithRequestContext } from '../logging/request-context';
import { useEventContext } from '@custos/eventstore';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { setupSwagger } from './swagger';
import { API_PREFIX, UNVERSIONED_ROUTES } from './api-version';
import { bodyParserErrors, inputHygiene, useStrictJsonBody } from './input/json-body';
import { JsonContentTypeInterceptor } from './input/json-content-type.interceptor';
import { answerUnparsableRequests } from './input/oversized-headers';
import { CommonConfig } from '../config/common.config';
import { anonymousRateLimit, PrincipalRateLimitInterceptor, shareAnonymousRateLimiter } from './rate-limit/rate-limit';
import { RateLimiter } from './rate-limit/rate-limiter';
import { managementPortGate } from './management-port';
import { httpServerSpanMiddleware } from '../tracing/http-spans';
import { startTracing } from '../tracing/tracing';

export interface ConfigureAppOptions {
  readonly service: string;
  /** Replaces Nest's console logger; tests usually keep Nest's. */
  readonly logger?: LoggerService;
  /** The OpenAPI UI and document; on unless a test has no use for it. */
  readonly swagger?: boolean;
}

/**
 * Everything an HTTP application of Custos does the same way, applied to an application that
 * is created but not yet initialised (by `bootstrapService`, or by a test's
 * `Test.createTestingModule(...).createNestApplication()`).
 */
export function configureApp(app: INestApplication, options: ConfigureAppOptions): INestApplication {
  if (options.logger) app.useLogger(options.logger);
  // Naming the framework only helps whoever scans for its known weaknesses.
  (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.('x-powered-by');
  // Correlation first: everything after it, including errors and metrics, runs in its context.
  app.use(correlationMiddleware(options.service));
  // An event a consumer handles continues the correlation id of the request that caused it.
  useEventContext((event, work) => runWithRequestContext({ ...currentRequestContext(), correlationId: event.correlationId }, work));
  // Traces only when a collector is configured: otherwise not even the middleware is there.
  if (traceService(app, options.service, configOf(app))) app.use(httpServerSpanMiddleware());
  app.use(accessLogMiddleware());
  const registry = optionalRegistry(app);
  if (registry) app.use(httpMetricsMiddleware(registry));
  // Every framework refusal of the input is coded here, before any route: the parser's own
  // errors, then the text hygiene of path, query and body (issue 14).
  // Rate limits (issue 16) before any parsing: a flood costs as little as possible.
  const limits = rateLimitsOf(app);
  // Metrics, the OpenAPI document and readiness details on the management port only, when set (issue 16).
  app.use(managementPortGate(limits.managementPort));
  const anonymous = new RateLimiter(limits.anonymousPerMinute);
  app.use(anonymousRateLimit(anonymous));
  shareAnonymousRateLimiter(app.getHttpServer() as object, anonymous);
  useStrictJsonBody(app as NestExpressApplication);
  app.use(bodyParserErrors);
  app.use(inputHygiene);
  answerUnparsableRequests(app.getHttpServer() as Server);
  app.useGlobalInterceptors(new PrincipalRateLimitInterceptor(new RateLimiter(limits.principalPerMinute)), new JsonContentTypeInterceptor());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // Versioned paths (issue 15): the API under /v1, probes, metrics, discovery and docs at the root.
  app.setGlobalPrefix(API_PREFIX, { exclude: UNVERSIONED_ROUTES });
  if (options.swagger !== false) setupSwagger(app, options.service);
  return app;
}

/** The service's configured limits and management port; a narrow test without `PlatformModule` gets the defaults. */
function rateLimitsOf(app: INestApplication): { anonymousPerMinute: number; principalPerMinute: number; managementPort: number } {
  const config = configOf(app);
  return {
    anonymousPerMinute: config.RATE_LIMIT_ANONYMOUS_PER_MIN,
    principalPerMinute: config.RATE_LIMIT_PRINCIPAL_PER_MIN,
    managementPort: config.MANAGEMENT_PORT,
  };
}

/** The service's settings; a narrow test without `PlatformModule` gets the defaults. */
function configOf(app: INestApplication): CommonConfig {
  try {
    return app.get(CommonConfig, { strict: false });
  } catch {
    return new CommonConfig();
  }
}

/**
 * Starts exporting the service's spans when a collector is configured; they are flushed and the
 * exporter stopped when the application closes its HTTP adapter, its last step (after the relay
 * and consumers stopped), whether closed by `app.close()` or by a shutdown signal. Not on the
 * server's `close` event: supertest opens and closes a server that does not listen per request.
 */
function traceService(app: INestApplication, service: string, config: CommonConfig): boolean {
  const stop = startTracing(service, config);
  if (!stop) return false;
  const adapter = app.getHttpAdapter();
  const close = adapter.close.bind(adapter);
  adapter.close = async () => {
    try {
      await close();
    } finally {
      await stop().catch(() => undefined);
    }
  };
  return true;
}

/** A module without `PlatformModule` (a narrow test) has no registry to record into. */
function optionalRegistry(app: INestApplication): MetricsRegistry | undefined {
  try {
    return app.get(MetricsRegistry, { strict: false });
  } catch {
    return undefined;
  }
}
