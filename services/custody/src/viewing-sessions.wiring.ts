import { Inject, Injectable, Logger, Provider, Type } from '@nestjs/common';
import { EventConsumer, EventStore, ProjectionRunner } from '@custos/eventstore';
import { PeriodicJob } from '@custos/platform';
import { Pool } from 'pg';
import { ViewingSessionCommands } from './commands/viewing-sessions/viewing-session.commands';
import { ViewingSessionsHttpController } from './commands/viewing-sessions/viewing-sessions.http.controller';
import { DEFAULT_VIEW_REQUESTS_CONSUMER_GROUP, viewRequestsConsumer } from './consumers/view-requests.consumer';
import { custodyProjection } from './database/custody.projection';
import { ViewRequests } from './database/view-requests.table';
import { ViewingSessionRepository } from './database/viewing-session.repository';
import { ViewingReadModels } from './database/viewing-sessions.read-model';
import type { CustodyModuleOptions } from './custody.options';
import { CUSTODY_EVENT_STORE, CUSTODY_OPTIONS, CUSTODY_POOL } from './custody.tokens';
import { PlaybackLinks } from './queries/viewing-sessions/playback-links';
import { PlaybackHttpController } from './queries/viewing-sessions/playback.http.controller';
import { ViewingSessionQueriesHttpController } from './queries/viewing-sessions/viewing-sessions.http.controller';

export const DEFAULT_VIEWING_EXPIRY_INTERVAL_MS = 30_000;

/**
 * The viewing sessions' workers (R18.1–R18.4): the consumer that learns VIEW requests from the
 * requests service (with a bus) and ends the sessions of a withdrawn one, and the sweep that records sessions past their time as
 * EXPIRED. Started and stopped by custody's lifecycle, before its pool closes.
 */
@Injectable()
export class ViewingWorkers {
  private readonly logger = new Logger('Custody');
  private consumer?: EventConsumer;
  private readonly expiry = new PeriodicJob('viewing session sweep', () => this.commands.expireDue(), this.logger);

  constructor(
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
    @Inject(CUSTODY_POOL) private readonly pool: Pool,
    private readonly commands: ViewingSessionCommands,
  ) {}

  async start(): Promise<void> {
    const { transport } = this.options;
    if (transport) {
      this.consumer = viewRequestsConsumer({
        name: this.options.viewRequestsConsumerGroup ?? DEFAULT_VIEW_REQUESTS_CONSUMER_GROUP,
        pool: this.pool,
        transport,
        topicPrefix: this.options.topicPrefix,
        endSessionsOf: (withdrawal, tx) => this.commands.endForWithdrawnRequest(withdrawal, tx),
      });
      await this.consumer.start();
    }
    this.expiry.start(this.options.viewingExpiryIntervalMs ?? DEFAULT_VIEWING_EXPIRY_INTERVAL_MS);
  }

  async stop(): Promise<void> {
    await this.expiry.stop();
    await this.consumer?.stop();
  }
}

export const VIEWING_CONTROLLERS: Type[] = [
  ViewingSessionsHttpController,
  ViewingSessionQueriesHttpController,
  PlaybackHttpController,
];

export const VIEWING_PROVIDERS: Provider[] = [
  { provide: ViewRequests, useFactory: (pool: Pool) => new ViewRequests(pool), inject: [CUSTODY_POOL] },
  {
    provide: ViewingSessionRepository,
    useFactory: (store: EventStore) => new ViewingSessionRepository(store),
    inject: [CUSTODY_EVENT_STORE],
  },
  {
    provide: ViewingReadModels,
    useFactory: (pool: Pool, store: EventStore) =>
      new ViewingReadModels(pool, new ProjectionRunner(pool, store, custodyProjection)),
    inject: [CUSTODY_POOL, CUSTODY_EVENT_STORE],
  },
  ViewingSessionCommands,
  PlaybackLinks,
  ViewingWorkers,
];
