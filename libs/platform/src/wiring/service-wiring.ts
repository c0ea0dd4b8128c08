import { Provider } from '@nestjs/common';
import { EmbeddedTransport, EventTransport, KafkaTransport } from '@custos/eventstore';
import { CommonConfig, kafkaBrokersOf } from '../config/common.config';

// The shared recorder of refused accesses, exported through this file (index.ts re-exports it).
export * from './access-denial.recorder';

/** The token settings every service verifies with (`AuthModule.forRoot`'s config). */
export function authConfigOf(config: CommonConfig): { issuer: string; audience: string; jwksUrl: string } {
  return { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, jwksUrl: config.AUTH_JWKS_URL };
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
    ? new KafkaTransport({ brokers: kafkaBrokersOf(config), clientId })
    : EmbeddedTransport.connect(config.EVENT_BUS_DATABASE_URL);
}

/** How a service obtains the bearer token it presents to another service (role SERVICE). */
export type ServiceTokenSource = () => Promise<string>;

export interface ServiceTokenOptions {
  /** The embedded mode: tokens come from the development issuer at `issuer` + `/dev/token`. */
  readonly embedded: boolean;
  /** The development issuer's base URL (AUTH_ISSUER in the embedded mode). */
  readonly issuer: string;
  /** The service's demo user at the development issuer, e.g. `service.requests`. */
  readonly username: string;
  /**
   * Outside the embedded mode: the configured token (SERVICE_TOKEN). This is the hook for OIDC
   * client credentials: replace it by a source that asks the identity provider's token endpoint
   * (grant_type=client_credentials) and caches the answer the way `devIssuerToken` does.
   */
  readonly staticToken?: string;
  /** Renew this long before the token expires (default 30 s). */
  readonly renewBeforeMs?: number;
  /**
   * Development issuer only: keep a token at most this long (default 10 s). Its keys live in the
   * registry's memory and change when the registry restarts, after which every older token is
   * refused: a token kept until expiry failed every call for minutes (the chaos run's kill -9).
   */
  readonly maxAgeMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/**
 * The service's own bearer token for calls to other services: in the embedded mode fetched from
 * the development issuer and cached until shortly before it expires; otherwise the configured
 * SERVICE_TOKEN (refused at call time when none is configured).
 */
export function serviceTokenOf(options: ServiceTokenOptions): ServiceTokenSource {
  if (options.embedded) return devIssuerToken(options);
  const token = options.staticToken?.trim();
  return async () => {
    if (!token) throw new Error('no SERVICE_TOKEN configured: this service cannot call the other services');
    return token;
  };
}

/** A cached token of `username` from the development issuer (`POST <issuer>/dev/token`). */
export function devIssuerToken(
  options: Pick<ServiceTokenOptions, 'issuer' | 'username' | 'renewBeforeMs' | 'maxAgeMs' | 'fetch' | 'now'>,
): ServiceTokenSource {
  const now = options.now ?? Date.now;
  const renewBeforeMs = options.renewBeforeMs ?? 30_000;
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const url = new URL('dev/token', options.issuer.endsWith('/') ? options.issuer : `${options.issuer}/`);
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: options.username }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`the development issuer answered ${response.status} for ${options.username}`);
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (typeof body.access_token !== 'string') throw new Error('the development issuer answered no access_token');
    const ttlMs = (body.expires_in ?? 300) * 1000;
    cached = { token: body.access_token, renewAt: now() + Math.min(maxAgeMs, Math.max(ttlMs - renewBeforeMs, ttlMs / 2)) };
    return body.access_token;
  };
  return async () => {
    if (cached && now() < cached.renewAt) return cached.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  };
}
