// Configuration
export * from './config/setting.decorator';
export * from './config/load-config';
export * from './config/config-validation.error';
export * from './config/common.config';
export * from './config/embedded-database-url';
export * from './config/embedded-services';
export * from './config/setting-decorators';
export * from './config/settings-table';
export * from './config/service-config';
export * from './config/caller-configs';
export * from './config/embedded-secret';
export * from './config/event-signing';
export * from './config/random-secret';
export * from './config/config-table';

// Logging and correlation
export * from './logging/log-level';
export * from './logging/json.logger';
export * from './logging/request-context';
export * from './logging/correlation.middleware';
export * from './logging/access-log.middleware';
export * from './logging/log-redaction';

// Errors over HTTP
export * from './errors/error-body';
export * from './errors/error-body.dto';
export * from './errors/documented-refusals';
export * from './errors/problem-details';
export * from './errors/domain.exception';
export * from './errors/request-validation.exception';
export * from './errors/error-response';
export * from './errors/all-exceptions.filter';
export * from './errors/refusal';

// Application
export * from './http/public.decorator';
export * from './http/byte-range';
export * from './http/rate-limit/rate-limiter';
export * from './http/rate-limit/rate-limit';
export * from './http/swagger';
export * from './http/api-responses';
export * from './http/command-endpoint';
export * from './http/path-params';
export * from './http/paging';
export * from './http/api-version';
export * from './http/configure-app';
export * from './http/bootstrap-service';
export * from './http/management-port';
export * from './platform.module';
export * from './database/closed-folder';

// Health
export * from './health/readiness-check';
export * from './health/postgres.check';
export * from './health/kafka.check';
export * from './health/s3.check';
export * from './s3/object-lock-calls';
export * from './health/embedded-bus.check';
export * from './health/service-checks';
export * from './health/event-readers.check';
export * from './health/health.controller';
export * from './health/health.module';

// Metrics
export * from './metrics/metrics.registry';
export * from './metrics/metrics.module';
export * from './metrics/http-metrics.middleware';
export * from './wiring/service-wiring';
export * from './wiring/service-infrastructure';
export * from './wiring/service-kernel';
export * from './wiring/service-providers';

// Clients of other services' read APIs
export * from './service-clients/http-json';
export * from './service-clients/approval-trust.port';
export * from './service-clients/http-approval-trust';
export * from './service-clients/ledger-pinned-approval-trust';
export * from './service-clients/published-event-keys';
export * from './service-clients/registry-claims';
export * from './service-clients/registry-client';
export * from './service-clients/registry-facts-client';
export * from './wiring/refusal-recording.interceptor';
export * from './http/aggregate-refusal.interceptor';
export * from './commands/change-aggregate';
export * from './commands/projected-aggregate.repository';

// Input hygiene and idempotency at the HTTP edge (issue 14)
export * from './errors/edge-errors';
export * from './http/input/text-hygiene';
export * from './http/input/json-content-type.interceptor';
export * from './http/input/offset-date-time.decorator';
export * from './http/input/non-blank-text.decorator';
export * from './http/input/signed-approval-document.dto';
export * from './http/input/presented-approval-document.decorator';
export * from './idempotency/idempotency.store';
export * from './idempotency/idempotency.interceptor';
export * from './idempotency/idempotency.module';

// Operations
export * from './quarantine/quarantine.http.controller';

// Traces (OpenTelemetry over OTLP, when configured)
export * from './tracing/tracing';
export * from './tracing/http-spans';
