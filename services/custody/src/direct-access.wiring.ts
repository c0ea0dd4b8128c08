import { Provider, Type } from '@nestjs/common';
import { ProjectionRunner } from '@custos/eventstore';
import { fromKernel } from '@custos/platform';
import { custodyProjection } from './database/custody.projection';
import { SessionWorkers } from './commands/session-sweeps';
import { sessionWorkersProvider } from './session-workers.wiring';
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
 * ends sessions past their time (at the viewing sessions' interval).
 */
export class DirectAccessWorkers extends SessionWorkers {}

const directAccessWorkers = sessionWorkersProvider(DirectAccessWorkers, DirectAccessSessionCommands, (options, commands) => ({
  sweep: { name: 'DirectAccessSessionSweep', failureCode: 'CUSTOS_CUSTODY_DIRECT_ACCESS_SWEEP_FAILED' },
  consumerGroup: options.directAccessConsumerGroup ?? DEFAULT_DIRECT_ACCESS_CONSUMER_GROUP,
  consumer: (where) =>
    directAccessGrantsConsumer({ ...where, endSessionsOf: (revocation, tx, payload) => commands.endForRevokedDocument(revocation, tx, payload) }),
}));

export const DIRECT_ACCESS_CONTROLLERS: Type[] = [
  OpenDirectAccessSessionHttpController,
  JoinDirectAccessSessionHttpController,
  EndDirectAccessSessionHttpController,
  DirectAccessSessionsHttpController,
  DirectAccessPlaybackHttpController,
];

export const DIRECT_ACCESS_PROVIDERS: Provider[] = [
  fromKernel(DirectAccessGrants, (pool) => new DirectAccessGrants(pool)),
  fromKernel(DirectAccessSessionRepository, (_pool, store) => new DirectAccessSessionRepository(store)),
  fromKernel(DirectAccessReadModels, (pool, store) => new DirectAccessReadModels(pool, new ProjectionRunner(pool, store, custodyProjection))),
  DirectAccessSessionCommands,
  OpenDirectAccessSessionHandler,
  JoinDirectAccessSessionHandler,
  EndDirectAccessSessionHandler,
  directAccessWorkers,
];
