import { Logger } from '@nestjs/common';
import { CommandContext, EventConsumer, EventStore, inTransaction, PeriodicTask, QuarantineReader } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';

/** Custody itself, recording an end no caller asked for (expiry, withdrawal, revocation). */
export const SWEEP_ACTOR = { subject: 'service:custody', roles: ['SERVICE'] };

/** Where a kind of time-boxed session (viewing, direct access) is loaded and saved. */
export interface SessionStore<S> {
  load(sessionId: string, tx?: PoolClient): Promise<S | undefined>;
  save(session: S, context: CommandContext, tx?: PoolClient): Promise<unknown>;
}

/**
 * Ends, within `tx` (a consumer's inbox transaction), each listed session that `end` decides
 * to end, and answers their ids. A redelivered cause finds them ended and records nothing.
 */
export async function endSessionsIn<S>(
  store: SessionStore<S>,
  sessionIds: readonly string[],
  end: (session: S) => boolean,
  context: CommandContext,
  tx: PoolClient,
): Promise<string[]> {
  const ended: string[] = [];
  for (const sessionId of sessionIds) {
    const session = await store.load(sessionId, tx);
    if (session === undefined || !end(session)) continue;
    await store.save(session, context, tx);
    ended.push(sessionId);
  }
  return ended;
}

/**
 * Records the expiry of each listed session, each on its own stream in its own transaction:
 * safe with several replicas, the loser of a race gets a concurrency conflict and skips it.
 */
export async function expireSessions<S>(
  pool: Pool,
  store: SessionStore<S>,
  sessionIds: readonly string[],
  expire: (session: S) => boolean,
  logger: Logger,
): Promise<string[]> {
  const expired: string[] = [];
  for (const sessionId of sessionIds) {
    const done = await inTransaction(pool, async (tx) => {
      const session = await store.load(sessionId, tx);
      if (session === undefined || !expire(session)) return false;
      await store.save(session, { actor: SWEEP_ACTOR, correlationId: `expire:${sessionId}` }, tx);
      return true;
    }).catch((error: unknown) => {
      logger.warn({ msg: 'session not expired', sessionId, reason: String((error as Error)?.message ?? error) });
      return false;
    });
    if (done) expired.push(sessionId);
  }
  return expired;
}

/**
 * The workers of one kind of session: the consumer that ends sessions on another service's
 * fact (when a bus is configured) and the sweep that records those past their time (a
 * `PeriodicTask`: a failed run is logged with its code and retried after a growing pause).
 * Started and stopped by custody's lifecycle, before its pool closes.
 */
export class SessionWorkers {
  private consumer?: EventConsumer;
  private readonly sweep: PeriodicTask;

  constructor(
    sweep: { name: string; failureCode: string },
    private readonly makeConsumer: (() => EventConsumer) | undefined,
    expireDue: () => Promise<unknown>,
    sweepEveryMs: number,
  ) {
    this.sweep = new PeriodicTask(expireDue, { ...sweep, intervalMs: sweepEveryMs });
  }

  async start(): Promise<void> {
    this.consumer = this.makeConsumer?.();
    await this.consumer?.start();
    this.sweep.start();
  }

  /** The consumer, once started, as a reader an operator can act on. */
  quarantineReaders(store: EventStore): QuarantineReader[] {
    return this.consumer ? [this.consumer.quarantineReader(store)] : [];
  }

  async stop(): Promise<void> {
    await this.sweep.stop();
    await this.consumer?.stop();
  }
}
