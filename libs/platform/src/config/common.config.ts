import { ApproverSpec, CN2025_COPY_APPROVERS, RULE_PACK_COMPOSITIONS, RulePackComposition, RulePackConfig, rulePackConfigOf } from '@custos/domain';
import { IsBoolean, IsIn, IsInt, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { LOG_LEVELS, LogLevelName } from '../logging/log-level';
import { EMBEDDED_POSTGRES, embeddedDatabaseUrl } from './embedded-database-url';
import { EMBEDDED_SERVICE_PORTS } from './embedded-services';
import { Setting } from './setting.decorator';

export const EVENT_BUS_KINDS = ['embedded', 'kafka'] as const;
export type EventBusKind = (typeof EVENT_BUS_KINDS)[number];
export const KAFKA_SASL_MECHANISMS = ['', 'scram-sha-256', 'scram-sha-512', 'oauthbearer'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/**
 * What every service reads from its environment. A service's config class extends this one
 * and overrides `PORT` and `DATABASE_URL` with its own defaults. The defaults are the embedded
 * mode's addresses (`npm start` on a developer machine), but the embedded mode itself is off
 * unless the launcher turns it on; the cluster sets them all.
 */
export class CommonConfig {
  @Setting({
    description: 'HTTP port of the service',
    defaultText: Object.entries(EMBEDDED_SERVICE_PORTS).map(([service, port]) => `${service} ${port}`).join(', '),
  })
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @Setting({ description: `Lowest level written to the JSON log: ${LOG_LEVELS.join(', ')}` })
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'info';

  @Setting({
    description: "Postgres URL of the service's own database (never shared between services)",
    defaultText: `\`postgres://${EMBEDDED_POSTGRES.user}:${EMBEDDED_POSTGRES.password}@${EMBEDDED_POSTGRES.host}:${EMBEDDED_POSTGRES.port}/custos_<service>\``,
    secret: true,
  })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string =
    `postgres://${EMBEDDED_POSTGRES.user}:${EMBEDDED_POSTGRES.password}@${EMBEDDED_POSTGRES.host}:${EMBEDDED_POSTGRES.port}/custos`;

  @Setting({ description: '`embedded`: events travel in this process; `kafka`: through the brokers of KAFKA_BROKERS' })
  @IsIn(EVENT_BUS_KINDS)
  EVENT_BUS: EventBusKind = 'embedded';

  @Setting({
    description: 'Postgres URL of the embedded event bus log, shared by all services of one machine (used when EVENT_BUS=embedded)',
    defaultText: `\`postgres://${EMBEDDED_POSTGRES.user}:${EMBEDDED_POSTGRES.password}@${EMBEDDED_POSTGRES.host}:${EMBEDDED_POSTGRES.port}/custos_bus\``,
    secret: true,
  })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'EVENT_BUS_DATABASE_URL must be a postgres:// URL' })
  EVENT_BUS_DATABASE_URL: string = embeddedDatabaseUrl('bus');

  @Setting({ description: 'Comma-separated `host:port` list of Kafka bootstrap brokers (used when EVENT_BUS=kafka)' })
  @Matches(/^\s*[^\s,]+:\d+\s*(,\s*[^\s,]+:\d+\s*)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  @Setting({ description: 'Prefix of every Kafka topic name, to share one cluster between environments' })
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, ".", "_" and "-"' })
  KAFKA_TOPIC_PREFIX: string = '';

  // The bus's own security (issue 16): TLS to the brokers and SASL on their listener. The PEM
  // and the password are values, so that compose hands them as secret files (NAME_FILE, turned
  // into NAME by the images' entrypoint) and Kubernetes from Secrets.
  @Setting({ description: 'Connect to the Kafka brokers over TLS (their certificates checked against KAFKA_SSL_CA); required with SASL when EMBEDDED_MODE=false' })
  @IsBoolean()
  KAFKA_SSL: boolean = false;

  @Setting({ description: "PEM of the CA that signed the Kafka brokers' certificates; empty: the system's trust store" })
  @IsString()
  KAFKA_SSL_CA: string = '';

  @Setting({ description: 'PEM certificate this service presents to the brokers (mutual TLS; with KAFKA_SSL_KEY)' })
  @IsString()
  KAFKA_SSL_CERT: string = '';

  @Setting({ description: 'PEM private key of KAFKA_SSL_CERT', secret: true })
  @IsString()
  KAFKA_SSL_KEY: string = '';

  @Setting({ description: "The name the brokers' certificates carry, when it is not the host of KAFKA_BROKERS" })
  @IsString()
  KAFKA_SSL_SERVERNAME: string = '';

  @Setting({
    description:
      "SASL mechanism on the brokers' listener: `scram-sha-256`, `scram-sha-512` (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD) or `oauthbearer` (a client-credentials token of CUSTOS_AUTH_CLIENT_ID for KAFKA_SASL_OAUTHBEARER_AUDIENCE); empty: none",
  })
  @IsIn(KAFKA_SASL_MECHANISMS, { message: `KAFKA_SASL_MECHANISM must be empty or one of ${KAFKA_SASL_MECHANISMS.filter(Boolean).join(', ')}` })
  KAFKA_SASL_MECHANISM: KafkaSaslMechanism = '';

  @Setting({ description: "This service's SCRAM user on the Kafka cluster" })
  @IsString()
  KAFKA_SASL_USERNAME: string = '';

  @Setting({ description: 'The password of KAFKA_SASL_USERNAME', secret: true })
  @IsString()
  KAFKA_SASL_PASSWORD: string = '';

  @Setting({ description: 'The audience (resource indicator) of the OAUTHBEARER tokens the brokers accept' })
  @IsString()
  KAFKA_SASL_OAUTHBEARER_AUDIENCE: string = 'urn:custos:kafka';

  @Setting({
    description:
      "The service's Ed25519 key that signs the envelopes its relay publishes (issue 16): PKCS8 PEM or the base64 of the 32-byte seed; the embedded mode generates one per service once and keeps it under EVENT_KEYS_DIR",
    secret: true,
  })
  @IsString()
  EVENT_SIGNING_KEY: string = '';

  @Setting({
    description:
      'Pinned public keys of the services whose events this service reads, `service:kid:publicKey` (base64url, 32 bytes), comma-separated; the embedded mode pins its own services\' keys',
  })
  @IsString()
  EVENT_TRUSTED_KEYS: string = '';

  @Setting({
    description:
      '`required`: an unsigned event is refused; `optional`: accepted. A forged or wrongly signed one is always refused. Default: `required` when EVENT_TRUSTED_KEYS is set, else `optional`',
  })
  @IsIn(['', 'required', 'optional'])
  EVENT_SIGNATURES: '' | 'required' | 'optional' = '';

  @Setting({ description: "Folder of the embedded mode's event signing keys (one per service)" })
  @IsString()
  EVENT_KEYS_DIR: string = '.custos/embedded/keys';

  @Setting({
    description:
      'The service runs on a developer machine: it listens on 127.0.0.1 only and may make up development secrets. Only the `npm start` launcher turns it on; off, it listens on 0.0.0.0',
  })
  @IsBoolean()
  EMBEDDED_MODE: boolean = false;

  @Setting({
    description: 'On SIGTERM, how long to let requests and modules finish before the process exits anyway (ms)',
  })
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  @Setting({
    description:
      'Anonymous refusals (401) of one code, route pattern and source are counted into one `AccessDenied` event per window of this many ms',
  })
  @IsInt()
  @Min(100)
  DENIAL_WINDOW_MS: number = 60000;

  @Setting({
    description:
      'Requests per minute one network source may make without a valid token (public and link routes, refused tokens); 0: no limit. Past it: 429 CUSTOS_RATE_LIMITED with Retry-After',
  })
  @IsInt()
  @Min(0)
  RATE_LIMIT_ANONYMOUS_PER_MIN: number = 1200;

  @Setting({ description: 'Requests per minute one signed-in principal may make; 0: no limit. Past it: 429 CUSTOS_RATE_LIMITED with Retry-After' })
  @IsInt()
  @Min(0)
  RATE_LIMIT_PRINCIPAL_PER_MIN: number = 12000;

  @Setting({
    description:
      'Port of the management endpoints (`/metrics`, `/docs`, `/docs-json`, the details of `/health/ready`), for Prometheus and operators only; the service port then answers 404 for them and readiness without details. 0: all on PORT (the embedded mode, on loopback)',
  })
  @IsInt()
  @Min(0)
  @Max(65535)
  MANAGEMENT_PORT: number = 0;

  // The OpenID provider (any standards-compliant one: Keycloak, the tests' oidc-provider, …). The
  // defaults are the embedded mode's development issuer, hosted by the registry.
  @Setting({ description: 'Expected `iss` of access tokens; its discovery document names the token endpoint of the service clients' })
  @IsString()
  CUSTOS_AUTH_ISSUER: string = 'http://127.0.0.1:3001';

  @Setting({ description: "Comma-separated audiences the users' access tokens may name (one must be in `aud`)" })
  @IsString()
  CUSTOS_AUTH_AUDIENCE: string = 'custos';

  @Setting({
    description:
      "Each service's own audience, `{service}` standing for its name: a service accepts tokens for it besides CUSTOS_AUTH_AUDIENCE, and asks for the called service's when it calls another (client credentials)",
  })
  @Matches(/\{service\}/, { message: 'CUSTOS_AUTH_SERVICE_AUDIENCE must contain {service}' })
  CUSTOS_AUTH_SERVICE_AUDIENCE: string = 'urn:custos:{service}';

  @Setting({ description: 'Where the public keys that sign access tokens are published (JWKS)' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  CUSTOS_AUTH_JWKS_URL: string = 'http://127.0.0.1:3001/.well-known/jwks.json';

  @Setting({ description: 'Claim (or dotted path) of the roles, e.g. `realm_access.roles` for Keycloak realm roles' })
  @IsString()
  CUSTOS_AUTH_ROLES_CLAIM: string = 'custos:roles';

  @Setting({ description: "Claim (or dotted path) of the caller's organisation id" })
  @IsString()
  CUSTOS_AUTH_ORGANISATION_CLAIM: string = 'custos:org';

  @Setting({ description: "Claim (or dotted path) of the caller's organisation type" })
  @IsString()
  CUSTOS_AUTH_ORGANISATION_TYPE_CLAIM: string = 'custos:org_type';

  @Setting({ description: "Claim (or dotted path) of the GB/T 2260 division of the caller's organisation" })
  @IsString()
  CUSTOS_AUTH_DIVISION_CLAIM: string = 'custos:division';

  @Setting({ description: "Claim (or dotted path) of the caller's person id" })
  @IsString()
  CUSTOS_AUTH_PERSON_CLAIM: string = 'custos:person';

  @Setting({ description: "Claim (or dotted path) of an officer's law-enforcement credential number" })
  @IsString()
  CUSTOS_AUTH_CREDENTIAL_CLAIM: string = 'custos:credential';

  @Setting({
    description:
      "This service's client id at the OpenID provider: it calls the other services with short-lived client-credentials tokens. Required when EMBEDDED_MODE=false for a service that calls others",
  })
  @IsString()
  CUSTOS_AUTH_CLIENT_ID: string = '';

  @Setting({ description: "The secret of this service's client (CUSTOS_AUTH_CLIENT_ID)", secret: true })
  @IsString()
  CUSTOS_AUTH_CLIENT_SECRET: string = '';

  @Setting({ description: "The provider's token endpoint; empty: the one its discovery document names" })
  @IsString()
  CUSTOS_AUTH_TOKEN_URL: string = '';

  // The rule packs (issue 21, docs/REGULATION.md "Precedence"): read here once, so that every
  // service that decides — requests, approvals, custody, storage, registry — applies the same texts.
  @Setting({
    description:
      'How the national regulation (CN2025) and the Shaanxi measures (SX2012) combine where both apply: `NATIONAL_WITH_PROVINCIAL` (provincial entries stand as RULE_PACK_PROVINCIAL_STANDS says) or `HIGHEST_RANK_ONLY` (the national text alone)',
  })
  @IsIn(RULE_PACK_COMPOSITIONS, { message: `RULE_PACK_COMPOSITION must be one of ${RULE_PACK_COMPOSITIONS.join(', ')}` })
  RULE_PACK_COMPOSITION: RulePackComposition = 'NATIONAL_WITH_PROVINCIAL';

  @Setting({
    description:
      'Comma-separated relations of the provincial entries that stand beside the national text: `STRICTER`, `CONSISTENT` (empty: none). A conflicting entry never stands',
  })
  @Matches(/^\s*((STRICTER|CONSISTENT)\s*(,\s*(STRICTER|CONSISTENT)\s*)*)?$/, {
    message: 'RULE_PACK_PROVINCIAL_STANDS must be a comma-separated list of STRICTER, CONSISTENT (a CONFLICTS entry never stands)',
  })
  RULE_PACK_PROVINCIAL_STANDS: string = 'STRICTER,CONSISTENT';

  @Setting({
    description:
      'Organs the provincial text lets use footage and the national list does not name (other administrative departments; direct access) keep that right (interpretation); `false`: the national list is exhaustive',
  })
  @IsBoolean()
  RULE_PACK_PROVINCIAL_USERS: boolean = true;

  @Setting({
    description:
      "Policy where the national text names no approver of a copy or retrieval: `REQUESTING_ORGAN_HEAD` (the requesting organ's own head) or `COUNTY_PSB_HEAD` (as R17.3)",
  })
  @IsIn(CN2025_COPY_APPROVERS, { message: `CN2025_COPY_APPROVER must be one of ${CN2025_COPY_APPROVERS.join(', ')}` })
  CN2025_COPY_APPROVER: ApproverSpec = 'REQUESTING_ORGAN_HEAD';

  @Setting({ description: 'Policy where the national text gives no number: the fewest officers at each act under CN2025 (2 to 10; never fewer than 2)' })
  @IsInt({ message: 'CN2025_MINIMUM_OFFICERS must be a whole number from 2 to 10' })
  @Min(2, { message: 'CN2025_MINIMUM_OFFICERS must be at least 2 (no policy goes below two officers)' })
  @Max(10, { message: 'CN2025_MINIMUM_OFFICERS must be at most 10' })
  CN2025_MINIMUM_OFFICERS: number = 2;

  @Setting({ description: 'Policy: "units and persons co-operate" read as no fee under CN2025 (`false`: the national text forbids none)' })
  @IsBoolean()
  CN2025_FEES_FORBIDDEN: boolean = true;

  // Traces (issue 15): OpenTelemetry over OTLP/HTTP (JSON), only when an endpoint is set; without
  // one the SDK is not even loaded.
  @Setting({ description: 'Base URL of an OTLP/HTTP collector (spans go to `<url>/v1/traces`, as JSON); empty: no traces' })
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be empty or an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT: string = '';

  @Setting({ description: 'Full URL of the OTLP/HTTP traces endpoint, instead of OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`' })
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be empty or an http(s) URL' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: string = '';

  @Setting({ description: 'Headers sent to the collector, `key=value,key2=value2` (values URL-encoded), e.g. its API key', secret: true })
  @IsString()
  OTEL_EXPORTER_OTLP_HEADERS: string = '';

  @Setting({ description: 'Longest wait (ms) before finished spans are sent to the collector in one batch' })
  @IsInt()
  @Min(1)
  OTEL_BSP_SCHEDULE_DELAY: number = 5000;
}

/** KAFKA_BROKERS as the list kafkajs takes. */
export function kafkaBrokersOf(config: Pick<CommonConfig, 'KAFKA_BROKERS'>): string[] {
  return config.KAFKA_BROKERS.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** The rule packs and their composition from a service's validated settings (issue 21). */
export function rulePacksOf(config: CommonConfig): RulePackConfig {
  return rulePackConfigOf(config);
}
