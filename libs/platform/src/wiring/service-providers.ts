import { InjectionToken, Provider } from '@nestjs/common';
import { EventStore, EVENTSTORE_POOL } from '@custos/eventstore';
import { Pool } from 'pg';

/**
 * A provider made from the kernel's pool and event store (`serviceKernel`): a repository, a
 * read model, a table of consumed facts. The factory may be async (a store checked at start).
 */
export function fromKernel<T>(token: InjectionToken, make: (pool: Pool, store: EventStore) => T): Provider<T> {
  return { provide: token, useFactory: make, inject: [EVENTSTORE_POOL, EventStore] };
}

/** The ports (`domain/*.port.ts`, `queries/*.port.ts`) one adapter serves, each bound to it. */
export function portsServedBy(adapter: InjectionToken, ...ports: InjectionToken[]): Provider[] {
  return ports.map((port) => ({ provide: port, useExisting: adapter }));
}

/**
 * A client of another service under `token`: the one given (a test's fake), or, given `{ http }`
 * settings, the service's HTTP client made from them.
 */
export function serviceClientProvider<Http, Client>(
  token: InjectionToken,
  given: { readonly http: Http } | Client,
  overHttp: (http: Http) => Client,
): Provider<Client> {
  const isHttp = (value: unknown): value is { readonly http: Http } => typeof value === 'object' && value !== null && 'http' in value;
  return { provide: token, useValue: isHttp(given) ? overHttp(given.http) : given };
}

/** A service's notion of now, injectable so that deadlines and windows can be tested. */
export type Clock = () => Date;

/** The clock under `token`: the one given (a test's), else the system's. */
export function clockProvider(token: InjectionToken, clock?: Clock): Provider<Clock> {
  return { provide: token, useValue: clock ?? (() => new Date()) };
}
