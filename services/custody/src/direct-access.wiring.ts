import { Inject, Injectable, Provider, Type } from '@nestjs/common';
import { EventStore, ProjectionRunner } from '@custos/eventstore';
import { Pool } from 'pg';
import type { CustodyModuleOptions } from './custody.options';
import { CUSTODY_EVENT_STORE, CUSTODY_OPTIONS, CUSTODY_POOL } from './custody.tokens';
import { custodyProjection } from './database/custody.projection';
import { SessionWorkers } from './commands/session-sweeps';
import { DEFAULT_VIEWING_EXPIRY_INTERVAL_MS } from './viewing-sessions.wiring';
import { DEFAULT_DIRECT_ACCESS_CONSUMER_GROUP, directAccessGrantsConsumer } from './commands/direct-access-sessions/direct-access-grants.consumer';
import { DirectAccessGrants } from './commands/direct-access-sessions/direct-access-grants.table';
import { DirectAccessPlaybackHttpController } from './commands/direct-access-sessions/direct-access-playback.http.controller';
import { DirectAccessSessionCommands } from './commands/direct-access-sessions/direct-access-session.commands';
import { DirectAccessSessionRepository } from './commands/direct-access-sessions/direct-access-session.repository';
import { DirectAccessSessionsHttpController } from './commands/direct-access-sessions/direct-access-sessions.http.controller';
import { EndDirectAccessSessionHandler } from './commands/end-direct-access-session/end-direct-access-session.handler';
import { EndDirectAccessSessionHttpController } from './commands/end-direct-access-session/end-direct-access-session.http.controller';
import { JoinDirectAccessSessionHandler } from './commands/join-direct-access-session/join-direct-access-session.handler';
import { JoinDirectAccessSessionHttpController } from './commands/join-direct-access-session/join-direct-access-session.http.controller';
import { OpenDirectAccessSessionHandler } from './commands/open-direct-access-session/open-direct-access-session.handler';
import { OpenDirectAccessSessionHttpController } from './commands/open-direct-access-session/open-direct-access-session.http.controller';
import { DirectAccessReadModels } from './commands/direct-access-sessions/direct-access-sessions.read-model';

/**
 * The direct-access sessions' workers (R17.4): the consumer that learns grants from the
 * approvals service (with a bus) and cuts the sessions of a revoked one, and the sweep that
 * ends sessions past their time (at the viewing sessions' interval). Started and stopped by
 * custody's lifecycle, before its pool closes.
 */
@Injectable()
export class DirectAccessWorkers extends SessionWorkers {
  constructor(
    @Inject(CUSTODY_OPTIONS) options: CustodyModuleOptions,
    @Inject(CUSTODY_POOL) pool: Pool,
    commands: DirectAccessSessionCommands,
  ) {
    const { transport } = options;
    super(
      { name: 'DirectAccessSessionSweep', failureCode: 'CUSTOS_CUSTODY_DIRECT_ACCESS_SWEEP_FAILED' },
      transport &&
        (() =>
          directAccessGrantsConsumer({
            name: options.directAccessConsumerGroup ?? DEFAULT_DIRECT_ACCESS_CONSUMER_GROUP,
            pool,
            transport,
            topicPrefix: options.topicPrefix,
            endSessionsOf: (revocation, tx, payload) => commands.endForRevokedDocument(revocation, tx, payload),
          })),
      () => commands.expireDue(),
      options.viewingExpiryIntervalMs ?? DEFAULT_VIEWING_EXPIRY_INTERVAL_MS,
    );
  }
}

export const DIRECT_ACCESS_CONTROLLERS: Type[] = [
  OpenDirectAccessSessionHttpController,
  JoinDirectAccessSessionHttpController,
  EndDirectAccessSessionHttpController,
  DirectAccessSessionsHttpController,
  DirectAccessPlaybackHttpController,
];

export const DIRECT_ACCESS_PROVIDERS: Provider[] = [
  { provide: DirectAccessGrants, useFactory: (pool: Pool) => new DirectAccessGrants(pool), inject: [CUSTODY_POOL] },
  {
    provide: DirectAccessSessionRepository,
    useFactory: (store: EventStore) => new DirectAccessSessionRepository(store),
    inject: [CUSTODY_EVENT_STORE],
  },
  {
    provide: DirectAccessReadModels,
    useFactory: (pool: Pool, store: EventStore) => new DirectAccessReadModels(pool, new ProjectionRunner(pool, store, custodyProjection)),
    inject: [CUSTODY_POOL, CUSTODY_EVENT_STORE],
  },
  DirectAccessSessionCommands,
  OpenDirectAccessSessionHandler,
  JoinDirectAccessSessionHandler,
  EndDirectAccessSessionHandler,
  DirectAccessWorkers,
];
