import { Provider, Type } from '@nestjs/common';
import { EventConsumer, TopicConsumerOptions } from '@custos/eventstore';
import { Pool } from 'pg';
import { SessionWorkers } from './commands/session-sweeps';
import type { CustodyModuleOptions } from './custody.options';
import { CUSTODY_OPTIONS, CUSTODY_POOL } from './custody.tokens';

export const DEFAULT_VIEWING_EXPIRY_INTERVAL_MS = 30_000;

/** What sets one kind of time-boxed session's workers apart (viewing, direct access). */
export interface SessionKind {
  readonly sweep: { readonly name: string; readonly failureCode: string };
  /** Its consumer group (and inbox) on custody's bus. */
  readonly consumerGroup: string;
  /** Its consumer of another service's topic, ending the sessions that service's fact ends. */
  readonly consumer: (where: TopicConsumerOptions) => EventConsumer;
}

/**
 * The workers of one kind of session (`SessionWorkers`) under `workers`: the consumer (when
 * custody has a bus) and the sweep recording the sessions past their time, every
 * `viewingExpiryIntervalMs`. Started and stopped by custody's lifecycle, before its pool closes.
 */
export function sessionWorkersProvider<Commands extends { expireDue(): Promise<unknown> }>(
  workers: new (...args: ConstructorParameters<typeof SessionWorkers>) => SessionWorkers,
  commands: Type<Commands>,
  kindOf: (options: CustodyModuleOptions, commands: Commands) => SessionKind,
): Provider {
  return {
    provide: workers,
    useFactory: (options: CustodyModuleOptions, pool: Pool, sessions: Commands) => {
      const kind = kindOf(options, sessions);
      const { transport, topicPrefix } = options;
      return new workers(
        kind.sweep,
        transport && (() => kind.consumer({ name: kind.consumerGroup, pool, transport, topicPrefix })),
        () => sessions.expireDue(),
        options.viewingExpiryIntervalMs ?? DEFAULT_VIEWING_EXPIRY_INTERVAL_MS,
      );
    },
    inject: [CUSTODY_OPTIONS, CUSTODY_POOL, commands],
  };
}
