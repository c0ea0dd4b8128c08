import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { EventEnvelope, RequestWithdrawn } from '@custos/contracts';
import { Result } from '@custos/domain';
import { CommandContext, inTransaction, retryOnConflict } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';
import { ViewRequests } from '../../database/view-requests.table';
import { ViewingSessionRepository } from '../../database/viewing-session.repository';
import { ViewingReadModels } from '../../database/viewing-sessions.read-model';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { viewingErrors } from '../../domain/viewing-session.errors';
import { CheckedOfficer, qualifiedOfficerOf } from '../../shared/officer-check';
import { commandContextOf, orRefuse, refuse } from '../../shared/refusal';
import { Clock, CUSTODY_CLOCK, CUSTODY_POOL, OFFICER_DIRECTORY } from '../../custody.tokens';

/** Custody itself, recording an end no caller asked for (expiry, withdrawal). */
export const SWEEP_ACTOR = { subject: 'service:custody', roles: ['SERVICE'] };

/**
 * The viewing sessions' commands (R18.1–R18.4) around the aggregate's decisions: load (404
 * when unknown), check the calling officer against the registry at "now" (R18.2), decide, and
 * save only an accepted decision.
 */
@Injectable()
export class ViewingSessionCommands {
  private readonly logger = new Logger('Custody');

  constructor(
    readonly sessions: ViewingSessionRepository,
    private readonly requests: ViewRequests,
    private readonly readModels: ViewingReadModels,
    @Inject(OFFICER_DIRECTORY) private readonly officers: OfficerDirectory,
    @Inject(CUSTODY_CLOCK) readonly clock: Clock,
    @Inject(CUSTODY_POOL) private readonly pool: Pool,
  ) {}

  async load(sessionId: string): Promise<ViewingSession> {
    const session = await this.sessions.load(sessionId);
    if (session === undefined) refuse(viewingErrors.sessionNotFound(sessionId));
    return session;
  }

  /** The owner's operator opens a session for a co-signed VIEW request naming their systems. */
  async open(principal: Principal, requestId: string, durationMs: number): Promise<ViewingSession> {
    const openAlready = await this.readModels.openSessionOf(requestId, principal.organisationId, this.clock());
    if (openAlready !== undefined) refuse(viewingErrors.alreadyOpen(requestId, openAlready));
    const sessionId = randomUUID();
    // Decided on the request's row share-locked: a withdrawal arriving meanwhile waits, then
    // closes this session. A withdrawal batch already holding the event store's lock can
    // deadlock with it; Postgres then rolls one back, and this side decides again.
    return retryOnConflict(() =>
      inTransaction(this.pool, async (tx) => {
        const current = (await this.requests.find(requestId, tx)) ?? refuse(viewingErrors.requestNotFound(requestId));
        const session = this.sessions.create(sessionId);
        orRefuse(
          session.open({
            sessionId,
            request: current,
            opener: {
              personId: principal.personId,
              organisationId: principal.organisationId,
              divisionCode: principal.divisionCode,
            },
            durationMs,
            now: this.clock(),
          }),
        );
        await this.sessions.save(session, commandContextOf(principal), tx);
        return session;
      }),
    );
  }

  officer(principal: Principal, at: Date): Promise<CheckedOfficer> {
    return qualifiedOfficerOf(this.officers, principal, at);
  }

  /** Runs a decision on a freshly loaded session and saves it; a refusal saves nothing. */
  async decide<T>(
    principal: Principal,
    sessionId: string,
    decision: (session: ViewingSession, now: Date) => Result<T> | Promise<Result<T>>,
    context: CommandContext = commandContextOf(principal),
  ): Promise<{ session: ViewingSession; value: T }> {
    // Both officers join at once, or the owner closes while one joins: decide again on the new state.
    return retryOnConflict(async () => {
      const session = await this.load(sessionId);
      const value = orRefuse(await decision(session, this.clock()));
      await this.sessions.save(session, context);
      return { session, value };
    });
  }

  /**
   * The VIEW request was withdrawn (R18.3): ends every session of it still open, in the
   * consumer's inbox transaction `tx` (with the request marked WITHDRAWN there first, so no
   * session can open after). A redelivered withdrawal finds them closed and records nothing.
   */
  async endForWithdrawnRequest(withdrawal: EventEnvelope, tx: PoolClient): Promise<string[]> {
    const { withdrawnBy } = withdrawal.payload as unknown as RequestWithdrawn;
    const now = this.clock();
    const ended: string[] = [];
    for (const sessionId of await this.readModels.openSessionsOfRequest(withdrawal.aggregateId)) {
      const session = await this.sessions.load(sessionId, tx);
      if (session === undefined || !session.endForWithdrawnRequest(withdrawnBy, now)) continue;
      await this.sessions.save(
        session,
        { actor: SWEEP_ACTOR, correlationId: withdrawal.correlationId, causationId: withdrawal.id },
        tx,
      );
      ended.push(sessionId);
    }
    return ended;
  }

  /**
   * Records the end of every session whose time ran out (EXPIRED, at its expiry). Safe with
   * several replicas: each session is re-checked on its own stream, and the loser of a race
   * gets a concurrency conflict and skips it.
   */
  async expireDue(now: Date = this.clock()): Promise<string[]> {
    const expired: string[] = [];
    for (const sessionId of await this.readModels.dueForExpiry(now)) {
      const done = await inTransaction(this.pool, async (tx) => {
        const session = await this.sessions.load(sessionId, tx);
        if (session === undefined || !session.expireIfDue(now)) return false;
        await this.sessions.save(session, { actor: SWEEP_ACTOR, correlationId: `expire:${sessionId}` }, tx);
        return true;
      }).catch((error: unknown) => {
        this.logger.warn({
          msg: 'viewing session not expired',
          sessionId,
          reason: String((error as Error)?.message ?? error),
        });
        return false;
      });
      if (done) expired.push(sessionId);
    }
    return expired;
  }
}
