import { Logger, OnModuleDestroy, OnModuleInit, Provider } from '@nestjs/common';
import { PeriodicTask, PublishedKey, usePublishedEnvelopeKeys } from '@custos/eventstore';
import { getJson, HttpServiceClientOptions } from './http-json';

/** How often a service fetches the registry's published keys: a rotation or revocation takes effect within it. */
export const EVENT_KEYS_REFRESH_MS = 60_000;

/**
 * The event-signing keys the registry publishes (`GET /event-keys`, issue 16), fetched with the
 * service's own token at start and every minute, and pinned in this process beside the bootstrap
 * pins of EVENT_TRUSTED_KEYS. The key set travels over authenticated HTTP from the registry, not
 * over the bus, so no event key is needed to trust it; the bus's events are then checked against
 * it. A failed fetch keeps the last set (the task logs and backs off); an answer replaces it.
 */
export class PublishedEventKeys implements OnModuleInit, OnModuleDestroy {
  private readonly task: PeriodicTask;
  private readonly logger = new Logger('PublishedEventKeys');

  constructor(
    private readonly registry: HttpServiceClientOptions,
    intervalMs = EVENT_KEYS_REFRESH_MS,
  ) {
    this.task = new PeriodicTask(() => this.refresh(), { name: 'PublishedEventKeys', failureCode: 'CUSTOS_EVENT_KEYS_FETCH_FAILED', intervalMs });
  }

  /** Fetches and pins the published keys; answers them. */
  async refresh(): Promise<readonly PublishedKey[]> {
    const json = await getJson<{ keys: PublishedKey[] }>(this.registry, 'registry', '/v1/event-keys');
    if (json === undefined) return [];
    usePublishedEnvelopeKeys(json.keys);
    return json.keys;
  }

  async onModuleInit(): Promise<void> {
    // The registry may start after this service: the loop keeps trying, the bootstrap pins stand meanwhile.
    await this.refresh().catch((error: unknown) =>
      this.logger.warn({ code: 'CUSTOS_EVENT_KEYS_FETCH_FAILED', reason: String((error as Error)?.message ?? error) }),
    );
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}

/** The provider a service's root module adds to pin the registry's published keys. */
export function publishedEventKeysProvider(registry: HttpServiceClientOptions): Provider {
  return { provide: PublishedEventKeys, useValue: new PublishedEventKeys(registry) };
}
