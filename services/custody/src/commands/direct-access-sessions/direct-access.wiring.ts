import { Inject, Injectable, Logger, Provider, Type } from '@nestjs/common';
import { EventConsumer, EventStore, ProjectionRunner } from '@custos/eventstore';
import { Pool } from 'pg';
import type { CustodyModuleOptions } from '../../custody.options';
import { CUSTODY_EVENT_STORE, CUSTODY_OPTIONS, CUSTODY_POOL } from '../../custody.tokens';
import { custodyProjection } from '../../database/custody.projection';
import { DEFAULT_VIEWING_EXPIRY_INTERVAL_MS } from '../../viewing-sessions.wiring';
import { DEFAULT_DIRECT_ACCESS_CONSUMER_GROUP, directAccessGrantsConsumer } from './direct-access-grants.consumer';
import { DirectAccessGrants } from './direct-access-grants.table';
import { DirectAccessPlaybackHttpController } from './direct-access-playback.http.controller';
import { DirectAccessSessionCommands } from './direct-access-session.commands';
import { DirectAccessSessionRepository } from './direct-access-session.repository';
import { DirectAccessSessionsHttpController } from './direct-access-sessions.http.controller';
import { DirectAccessReadModels } from './direct-access-sessions.read-model';

/**
 * The direct-access sessions' workers (R17.4): the consumer that learns grants from the
 * approvals service (with a bus) and cuts the sessions of a revoked one, and the sweep that
 * ends sessions past their time (at the viewing sessions' interval). Started and stopped by
 * custody's lifecycle, before its pool closes.
 */
@Injectable()
export class DirectAccessWorkers {
  private readonly logger = new Logger('Custody');
  private consumer?: EventConsumer;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(
    @Inject(CUSTODY_OPTIONS) private readonly options: CustodyModuleOptions,
    @Inject(CUSTODY_POOL) private readonly pool: Pool,
    private readonly commands: DirectAccessSessionCommands,
  ) {}

  async start(): Promise<void> {
    const { transport } = this.options;
    if (transport) {
      this.consumer = directAccessGrantsConsumer({
        name: this.options.directAccessConsumerGroup ?? DEFAULT_DIRECT_ACCESS_CONSUMER_GROUP,
        pool: this.pool,
        transport,
        topicPrefix: this.options.topicPrefix,
        endSessionsOf: (revocation, tx) => this.commands.endForRevokedDocument(revocation, tx),
      });
      await this.consumer.start();
    }
    const every = this.options.viewingExpiryIntervalMs ?? DEFAULT_VIEWING_EXPIRY_INTERVAL_MS;
    if (every > 0) {
      this.timer = setInterval(() => {
        this.sweeping ??= this.commands
          .expireDue()
          .catch((error: unknown) =>
            this.logger.warn({ msg: 'direct-access session sweep failed', reason: String((error as Error)?.message ?? error) }),
          )
          .finally(() => (this.sweeping = undefined));
      }, every);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
    await this.consumer?.stop();
  }
}

export const DIRECT_ACCESS_CONTROLLERS: Type[] = [DirectAccessSessionsHttpController, DirectAccessPlaybackHttpController];

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
  DirectAccessWorkers,
];
