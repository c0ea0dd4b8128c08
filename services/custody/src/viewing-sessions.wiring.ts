import { Inject, Injectable, Provider, Type } from '@nestjs/common';
import { EventStore, ProjectionRunner } from '@custos/eventstore';
import { Pool } from 'pg';
import { ViewingSessionCommands } from './commands/viewing-sessions/viewing-session.commands';
import { CloseViewingSessionHandler } from './commands/close-viewing-session/close-viewing-session.handler';
import { CloseViewingSessionHttpController } from './commands/close-viewing-session/close-viewing-session.http.controller';
import { EndViewingSessionHandler } from './commands/end-viewing-session/end-viewing-session.handler';
import { EndViewingSessionHttpController } from './commands/end-viewing-session/end-viewing-session.http.controller';
import { JoinViewingSessionHandler } from './commands/join-viewing-session/join-viewing-session.handler';
import { JoinViewingSessionHttpController } from './commands/join-viewing-session/join-viewing-session.http.controller';
import { OpenViewingSessionHandler } from './commands/open-viewing-session/open-viewing-session.handler';
import { OpenViewingSessionHttpController } from './commands/open-viewing-session/open-viewing-session.http.controller';
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
import { SegmentPlayback } from './queries/playback/segment-playback';
import { SessionWorkers } from './commands/session-sweeps';
import { ViewingRefusalInterceptor } from './shared/viewing-refusal.interceptor';
import { CoSignedViewRequests, ViewingSessionViews } from './queries/viewing-sessions/viewing-views.port';
import { ViewingSessions, ViewingSessionSchedule, ViewRequestLookup } from './commands/viewing-sessions/viewing-sessions.port';

export const DEFAULT_VIEWING_EXPIRY_INTERVAL_MS = 30_000;

/**
 * The viewing sessions' workers (R18.1–R18.4): the consumer that learns VIEW requests from the
 * requests service (with a bus) and ends the sessions of a withdrawn one, and the sweep that records sessions past their time as
 * EXPIRED. Started and stopped by custody's lifecycle, before its pool closes.
 */
@Injectable()
export class ViewingWorkers extends SessionWorkers {
  constructor(
    @Inject(CUSTODY_OPTIONS) options: CustodyModuleOptions,
    @Inject(CUSTODY_POOL) pool: Pool,
    commands: ViewingSessionCommands,
  ) {
    const { transport } = options;
    super(
      { name: 'ViewingSessionSweep', failureCode: 'CUSTOS_CUSTODY_VIEWING_SWEEP_FAILED' },
      transport &&
        (() =>
          viewRequestsConsumer({
            name: options.viewRequestsConsumerGroup ?? DEFAULT_VIEW_REQUESTS_CONSUMER_GROUP,
            pool,
            transport,
            topicPrefix: options.topicPrefix,
            endSessionsOf: (withdrawal, tx, payload) => commands.endForWithdrawnRequest(withdrawal, tx, payload),
          })),
      () => commands.expireDue(),
      options.viewingExpiryIntervalMs ?? DEFAULT_VIEWING_EXPIRY_INTERVAL_MS,
    );
  }
}

export const VIEWING_CONTROLLERS: Type[] = [
  OpenViewingSessionHttpController,
  JoinViewingSessionHttpController,
  CloseViewingSessionHttpController,
  EndViewingSessionHttpController,
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
  { provide: ViewingSessionViews, useExisting: ViewingReadModels },
  { provide: CoSignedViewRequests, useExisting: ViewRequests },
  { provide: ViewRequestLookup, useExisting: ViewRequests },
  { provide: ViewingSessions, useExisting: ViewingSessionRepository },
  { provide: ViewingSessionSchedule, useExisting: ViewingReadModels },
  ViewingSessionCommands,
  OpenViewingSessionHandler,
  JoinViewingSessionHandler,
  CloseViewingSessionHandler,
  EndViewingSessionHandler,
  PlaybackLinks,
  SegmentPlayback,
  ViewingWorkers,
  ViewingRefusalInterceptor,
];
