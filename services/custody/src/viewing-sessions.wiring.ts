import { Provider, Type } from '@nestjs/common';
import { ProjectionRunner } from '@custos/eventstore';
import { fromKernel, portsServedBy } from '@custos/platform';
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
import { sessionWorkersProvider } from './session-workers.wiring';
import { PlaybackLinks } from './queries/viewing-sessions/playback-links';
import { PlaybackHttpController } from './queries/viewing-sessions/playback.http.controller';
import { ViewingSessionQueriesHttpController } from './queries/viewing-sessions/viewing-sessions.http.controller';
import { SegmentPlayback } from './queries/playback/segment-playback';
import { SessionWorkers } from './commands/session-sweeps';
import { ViewingRefusalInterceptor } from './shared/viewing-refusal.interceptor';
import { CoSignedViewRequests, ViewingSessionViews } from './queries/viewing-sessions/viewing-views.port';
import { ViewingSessions, ViewingSessionSchedule, ViewRequestLookup } from './commands/viewing-sessions/viewing-sessions.port';

export { DEFAULT_VIEWING_EXPIRY_INTERVAL_MS } from './session-workers.wiring';

/**
 * The viewing sessions' workers (R18.1–R18.4): the consumer that learns VIEW requests from the
 * requests service (with a bus) and ends the sessions of a withdrawn one, and the sweep that
 * records sessions past their time as EXPIRED.
 */
export class ViewingWorkers extends SessionWorkers {}

const viewingWorkers = sessionWorkersProvider(ViewingWorkers, ViewingSessionCommands, (options, commands) => ({
  sweep: { name: 'ViewingSessionSweep', failureCode: 'CUSTOS_CUSTODY_VIEWING_SWEEP_FAILED' },
  consumerGroup: options.viewRequestsConsumerGroup ?? DEFAULT_VIEW_REQUESTS_CONSUMER_GROUP,
  consumer: (where) =>
    viewRequestsConsumer({ ...where, endSessionsOf: (withdrawal, tx, payload) => commands.endForWithdrawnRequest(withdrawal, tx, payload) }),
}));

export const VIEWING_CONTROLLERS: Type[] = [
  OpenViewingSessionHttpController,
  JoinViewingSessionHttpController,
  CloseViewingSessionHttpController,
  EndViewingSessionHttpController,
  ViewingSessionQueriesHttpController,
  PlaybackHttpController,
];

export const VIEWING_PROVIDERS: Provider[] = [
  fromKernel(ViewRequests, (pool) => new ViewRequests(pool)),
  fromKernel(ViewingSessionRepository, (_pool, store) => new ViewingSessionRepository(store)),
  fromKernel(ViewingReadModels, (pool, store) => new ViewingReadModels(pool, new ProjectionRunner(pool, store, custodyProjection))),
  ...portsServedBy(ViewingReadModels, ViewingSessionViews, ViewingSessionSchedule),
  ...portsServedBy(ViewRequests, CoSignedViewRequests, ViewRequestLookup),
  ...portsServedBy(ViewingSessionRepository, ViewingSessions),
  ViewingSessionCommands,
  OpenViewingSessionHandler,
  JoinViewingSessionHandler,
  CloseViewingSessionHandler,
  EndViewingSessionHandler,
  PlaybackLinks,
  SegmentPlayback,
  viewingWorkers,
  ViewingRefusalInterceptor,
];
