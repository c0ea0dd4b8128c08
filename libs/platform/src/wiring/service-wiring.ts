import { Provider } from '@nestjs/common';
import type { AuthConfig } from '@custos/auth';
import { EmbeddedTransport, EventTransport, KafkaSecurity, KafkaTransport } from '@custos/eventstore';
import { CommonConfig, kafkaBrokersOf } from '../config/common.config';

// The shared recorder of refused accesses, exported through this file (index.ts re-exports it).
export * from './access-denial.recorder';

/** The audience of `service`'s own API (CUSTOS_AUTH_SERVICE_AUDIENCE with its name). */
export function serviceAudienceOf(config: Pick<CommonConfig, 'CUSTOS_AUTH_SERVICE_AUDIENCE'>, service: string): string {
  return config.CUSTOS_AUTH_SERVICE_AUDIENCE.replace('{service}', service);
}

/**
 * The token settings every service verifies with (`AuthModule.forRoot`'s config): the users'
 * audiences and, given the service's name, its own (what other services' tokens name).
 */
export function authConfigOf(config: CommonConfig, service?: string): AuthConfig {
  const audiences = [config.CUSTOS_AUTH_AUDIENCE, ...(service ? [serviceAudienceOf(config, service)] : [])];
  return {
    issuer: config.CUSTOS_AUTH_ISSUER,
    audience: audiences.join(','),
    jwksUrl: config.CUSTOS_AUTH_JWKS_URL,
    claims: {
      roles: config.CUSTOS_AUTH_ROLES_CLAIM,
      organisation: config.CUSTOS_AUTH_ORGANISATION_CLAIM,
      organisationType: config.CUSTOS_AUTH_ORGANISATION_TYPE_CLAIM,
      division: config.CUSTOS_AUTH_DIVISION_CLAIM,
      person: config.CUSTOS_AUTH_PERSON_CLAIM,
      credential: config.CUSTOS_AUTH_CREDENTIAL_CLAIM,
    },
  };
}

/**
 * Ends a resource the root module created (a pg Pool, an event transport) when the application
 * shuts down. Feature modules stop their workers first (Nest shuts the deeper modules down
 * before the root), so a transport is closed only once nothing consumes from it.
 */
export function closeOnShutdown(resource: { end(): Promise<void> } | { close(): Promise<void> }): Provider {
  return {
    provide: Symbol('closeOnShutdown'),
    useFactory: () => ({
      onApplicationShutdown: () => ('end' in resource ? resource.end() : resource.close()),
    }),
  };
}

/**
 * The bus transport a service's own relay and consumers use, chosen by configuration:
 * `KafkaTransport` on KAFKA_BROKERS when EVENT_BUS=kafka, else the embedded bus on
 * EVENT_BUS_DATABASE_URL. The caller closes it on shutdown (`closeOnShutdown(transport)`).
 */
export function eventTransportOf(config: CommonConfig, clientId: string): EventTransport {
  return config.EVENT_BUS === 'kafka'
    ? new KafkaTransport({ brokers: kafkaBrokersOf(config), clientId, security: kafkaSecurityOf(config) })
    : EmbeddedTransport.connect(config.EVENT_BUS_DATABASE_URL);
}

/** The kernel's bus settings (`EventStoreModule`'s `bus` option) from a service's config. */
export function eventBusOf(config: CommonConfig) {
  return config.EVENT_BUS === 'kafka'
    ? { kind: 'kafka' as const, brokers: kafkaBrokersOf(config), topicPrefix: config.KAFKA_TOPIC_PREFIX, security: kafkaSecurityOf(config) }
    : { kind: 'embedded' as const, databaseUrl: config.EVENT_BUS_DATABASE_URL, topicPrefix: config.KAFKA_TOPIC_PREFIX };
}

/** Thrown at start for bus security settings that do not fit together; names the setting. */
export class KafkaSecuritySettingsError extends Error {
  constructor(readonly setting: string, reason: string) {
    super(`${setting}: ${reason}`);
    this.name = 'KafkaSecuritySettingsError';
  }
}

/**
 * TLS and SASL towards the brokers from KAFKA_SSL* and KAFKA_SASL_* (issue 16: a bus no one can
 * forge starts with a bus no one can join). Checked when the transport is made, at start:
 * outside the embedded mode SASL only over TLS (a SCRAM exchange or a bearer token in clear
 * is a credential handed to whoever listens), and each mechanism with what it needs. The
 * OAUTHBEARER token is the service's own client-credentials token (`clientCredentialsToken`,
 * the source its calls to other services use), for the bus's audience, renewed before expiry.
 */
export function kafkaSecurityOf(config: CommonConfig, options: { readonly fetch?: typeof fetch } = {}): KafkaSecurity {
  const mechanism = config.KAFKA_SASL_MECHANISM;
  const cert = config.KAFKA_SSL_CERT.trim();
  const key = config.KAFKA_SSL_KEY.trim();
  if (!config.KAFKA_SSL && (config.KAFKA_SSL_CA || cert || key || config.KAFKA_SSL_SERVERNAME)) {
    throw new KafkaSecuritySettingsError('KAFKA_SSL', 'must be true when KAFKA_SSL_CA, KAFKA_SSL_CERT, KAFKA_SSL_KEY or KAFKA_SSL_SERVERNAME is set');
  }
  if (Boolean(cert) !== Boolean(key)) {
    throw new KafkaSecuritySettingsError(cert ? 'KAFKA_SSL_KEY' : 'KAFKA_SSL_CERT', 'a client certificate needs both KAFKA_SSL_CERT and KAFKA_SSL_KEY');
  }
  if (mechanism && !config.KAFKA_SSL && !config.EMBEDDED_MODE) {
    throw new KafkaSecuritySettingsError(
      'KAFKA_SASL_MECHANISM',
      `${mechanism} without KAFKA_SSL=true is refused when EMBEDDED_MODE=false: the credentials would cross the network in clear`,
    );
  }
  const tls = config.KAFKA_SSL
    ? { ca: config.KAFKA_SSL_CA.trim() || undefined, cert: cert || undefined, key: key || undefined, servername: config.KAFKA_SSL_SERVERNAME.trim() || undefined }
    : undefined;
  if (!mechanism) return { tls };
  if (mechanism === 'oauthbearer') {
    const clientId = config.CUSTOS_AUTH_CLIENT_ID.trim();
    const clientSecret = config.CUSTOS_AUTH_CLIENT_SECRET.trim();
    if (!clientId || !clientSecret) {
      throw new KafkaSecuritySettingsError('CUSTOS_AUTH_CLIENT_ID', 'KAFKA_SASL_MECHANISM=oauthbearer needs CUSTOS_AUTH_CLIENT_ID and CUSTOS_AUTH_CLIENT_SECRET (the token is the client\'s own)');
    }
    if (!config.KAFKA_SASL_OAUTHBEARER_AUDIENCE.trim()) {
      throw new KafkaSecuritySettingsError('KAFKA_SASL_OAUTHBEARER_AUDIENCE', 'KAFKA_SASL_MECHANISM=oauthbearer needs the audience the brokers accept');
    }
    const tokenUrl = config.CUSTOS_AUTH_TOKEN_URL.trim();
    const token = clientCredentialsToken({
      issuer: config.CUSTOS_AUTH_ISSUER,
      client: { clientId, clientSecret, ...(tokenUrl ? { tokenUrl } : {}) },
      audience: config.KAFKA_SASL_OAUTHBEARER_AUDIENCE.trim(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return { tls, sasl: { mechanism, token } };
  }
  if (!config.KAFKA_SASL_USERNAME.trim()) throw new KafkaSecuritySettingsError('KAFKA_SASL_USERNAME', `KAFKA_SASL_MECHANISM=${mechanism} needs a user`);
  if (!config.KAFKA_SASL_PASSWORD) throw new KafkaSecuritySettingsError('KAFKA_SASL_PASSWORD', `KAFKA_SASL_MECHANISM=${mechanism} needs the user's password`);
  return { tls, sasl: { mechanism, username: config.KAFKA_SASL_USERNAME.trim(), password: config.KAFKA_SASL_PASSWORD } };
}

/** How a service obtains the bearer token it presents to another service (role SERVICE). */
export type ServiceTokenSource = () => Promise<string>;

/** When a cached token is renewed, and how time is read (tests move it). */
export interface TokenCacheOptions {
  /** Renew this long before the token expires (default 30 s). */
  readonly renewBeforeMs?: number;
  /** Keep a token at most this long (default: until it is renewed). */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/**
 * A token kept until shortly before it expires: renewed `renewBeforeMs` early, or at half its
 * life when that is shorter, so a call never leaves with a token about to lapse. Concurrent
 * callers share one request to the issuer.
 */
export function cachedToken(
  fetchToken: () => Promise<{ token: string; ttlMs: number }>,
  options: TokenCacheOptions = {},
): ServiceTokenSource {
  const now = options.now ?? Date.now;
  const renewBeforeMs = options.renewBeforeMs ?? 30_000;
  const maxAgeMs = options.maxAgeMs ?? Infinity;
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const renew = async (): Promise<string> => {
    const { token, ttlMs } = await fetchToken();
    cached = { token, renewAt: now() + Math.min(maxAgeMs, Math.max(ttlMs - renewBeforeMs, ttlMs / 2)) };
    return token;
  };
  return async () => {
    if (cached && now() < cached.renewAt) return cached.token;
    pending ??= renew().finally(() => (pending = undefined));
    return pending;
  };
}

export interface ServiceTokenOptions extends TokenCacheOptions {
  /** The embedded mode: the development issuer signs, with keys that change when the registry restarts. */
  readonly embedded: boolean;
  /** The issuer's base URL (CUSTOS_AUTH_ISSUER): its discovery document names the token endpoint. */
  readonly issuer: string;
  /** This service's own client at the provider (in the embedded mode: its demo user). */
  readonly client: ClientCredentials;
  /** The called service's audience (resource indicator): a token is good for that service only. */
  readonly audience: string;
  /** The scopes the calls need (e.g. custody's `custos:segments.read` at storage); the provider may refuse them. */
  readonly scopes?: readonly string[];
  readonly fetch?: typeof fetch;
}

/**
 * The service's own bearer token for calls to another service: a short-lived token of its own
 * client for that service's audience, by client credentials, cached and renewed before it
 * expires. There is no static token. In the embedded mode the development issuer answers, and
 * its tokens are kept 10 s at most: its keys live in the registry's memory and change when the
 * registry restarts, after which every older token is refused (a token kept until expiry failed
 * every call for minutes in the chaos run's kill -9).
 */
export function serviceTokenOf(options: ServiceTokenOptions): ServiceTokenSource {
  return clientCredentialsToken(options.embedded ? { ...options, maxAgeMs: options.maxAgeMs ?? 10_000 } : options);
}

/** A service's client at the OpenID provider (CUSTOS_AUTH_CLIENT_ID / CUSTOS_AUTH_CLIENT_SECRET). */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The token endpoint; default: the one the issuer's discovery document names. */
  readonly tokenUrl?: string;
}

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) at any standards-compliant provider: the
 * audience is asked for as a resource indicator (RFC 8707, `resource`) and as `audience`
 * (the name some providers use); the client authenticates with HTTP Basic.
 */
export function clientCredentialsToken(
  options: Pick<ServiceTokenOptions, 'issuer' | 'client' | 'audience' | 'scopes' | 'renewBeforeMs' | 'maxAgeMs' | 'fetch' | 'now'>,
): ServiceTokenSource {
  const fetchFn = options.fetch ?? fetch;
  let tokenUrl: Promise<string> | undefined = options.client.tokenUrl ? Promise.resolve(options.client.tokenUrl) : undefined;
  const discover = async (): Promise<string> => {
    const response = await fetchFn(`${options.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json().catch(() => ({}))) as { token_endpoint?: unknown };
    if (!response.ok || typeof body.token_endpoint !== 'string') {
      throw new Error(`the issuer's discovery document (${response.status}) names no token_endpoint`);
    }
    return body.token_endpoint;
  };
  const basic = Buffer.from(
    `${encodeURIComponent(options.client.clientId)}:${encodeURIComponent(options.client.clientSecret)}`,
  ).toString('base64');
  return cachedToken(async () => {
    tokenUrl ??= discover().catch((error: unknown) => {
      tokenUrl = undefined; // discovery is retried on the next call
      throw error;
    });
    const form = new URLSearchParams({ grant_type: 'client_credentials', resource: options.audience, audience: options.audience });
    if (options.scopes?.length) form.set('scope', options.scopes.join(' '));
    const response = await fetchFn(await tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
      body: form,
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new Error(
        `the token endpoint answered ${response.status} ${typeof body.error === 'string' ? body.error : ''} for client ${options.client.clientId} and audience ${options.audience}`.trim(),
      );
    }
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
    return { token: body.access_token, ttlMs: expiresIn * 1000 };
  }, options);
}
