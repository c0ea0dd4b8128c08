import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { CustodyOfficer, EventEnvelope } from '@custos/contracts';
import { DomainError, err, ok, Result } from '@custos/domain';
import { CommandContext, inTransaction, retryOnConflict } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';
import type { Clock } from '../custody.tokens';
import { OfficerDirectory } from '../domain/officer-directory.port';
import { CheckedOfficer, checkedOfficerOf, stillQualified } from './officer-check';
import { commandContextOf } from './command-context';
import { endSessionsIn, expireSessions, SessionStore, SWEEP_ACTOR } from './session-sweeps';

/** Which sessions of a kind are open for a request, and which have run out of time. */
export interface SessionSchedule {
  openSessionsOfRequest(requestId: string): Promise<string[]>;
  dueForExpiry(now: Date): Promise<string[]>;
}

/** What tells one kind of time-boxed session (viewing, direct access) from another here. */
export interface SessionKind<S, D> {
  readonly store: SessionStore<S> & { create(sessionId: string): S };
  readonly schedule: SessionSchedule;
  readonly notFound: (sessionId: string) => DomainError;
  /** The decision of the session's expiry at `now` (true when it ends it). */
  readonly expireIfDue: (session: S, now: Date) => boolean;
  /** Whether `personId` may play the session's footage at `now` (R18.1, R18.4): the officer, as recorded in it. */
  readonly mayPlay: (session: S, personId: string, now: Date) => Result<CustodyOfficer>;
  /** What a command answers about the session: its state at `now`. */
  readonly state: (session: S, now: Date) => D;
}

/**
 * The commands every kind of session shares around its aggregate's decisions (R18.1–R18.4):
 * load (404 when unknown), check the calling officer against the registry at "now" (R18.2),
 * decide, and save only an accepted decision; end the sessions of a withdrawn or revoked cause
 * and those past their time.
 */
export abstract class SessionCommands<S, D = unknown> {
  protected readonly logger = new Logger('Custody');

  protected constructor(
    private readonly kind: SessionKind<S, D>,
    protected readonly officers: OfficerDirectory,
    readonly clock: Clock,
    protected readonly pool: Pool,
  ) {}

  async load(sessionId: string): Promise<Result<S>> {
    const session = await this.kind.store.load(sessionId);
    return session === undefined ? err(this.kind.notFound(sessionId)) : ok(session);
  }

  /** A command's answer: the session's state now, once its decision was accepted; a refusal as it came. */
  stateAfter(decided: Result<S>): Result<D> {
    return decided.ok ? ok(this.kind.state(decided.value, this.clock())) : decided;
  }

  officer(principal: Principal, at: Date): Promise<Result<CheckedOfficer>> {
    return checkedOfficerOf(this.officers, principal, at);
  }

  /** Whether `personId` may play `session` at `now` (R18.1, R18.4), as its aggregate decides. */
  mayPlay(session: S, personId: string, now: Date): Result<CustodyOfficer> {
    return this.kind.mayPlay(session, personId, now);
  }

  /**
   * The session, loaded now, if the calling officer may play it and is qualified now (R18.2): a
   * suspension since joining stops the playback links.
   */
  async playableBy(principal: Principal, sessionId: string): Promise<Result<{ session: S; now: Date }>> {
    const found = await this.load(sessionId);
    if (!found.ok) return found;
    const now = this.clock();
    const may = this.kind.mayPlay(found.value, principal.personId, now);
    if (!may.ok) return may;
    const officer = await this.officer(principal, now);
    return officer.ok ? ok({ session: found.value, now }) : officer;
  }

  /** Whether the officer a link names may still play `session`: in it, and qualified at `now` as the registry holds them (R18.2). */
  async stillMayPlay(session: S, personId: string, now: Date): Promise<Result<unknown>> {
    const may = this.kind.mayPlay(session, personId, now);
    return may.ok ? stillQualified(this.officers, may.value, now) : may;
  }

  /** Runs a decision on a freshly loaded session and saves it; a refusal saves nothing. */
  async decide<T>(
    principal: Principal,
    sessionId: string,
    decision: (session: S, now: Date) => Result<T> | Promise<Result<T>>,
    context: CommandContext = commandContextOf(principal),
  ): Promise<Result<{ session: S; value: T }>> {
    // Both officers join at once, or one ends the session while another joins: decide again on the new state.
    return retryOnConflict(async () => {
      const found = await this.load(sessionId);
      if (!found.ok) return found;
      const session = found.value;
      const decided = await decision(session, this.clock());
      if (!decided.ok) return decided;
      await this.kind.store.save(session, context);
      return ok({ session, value: decided.value });
    });
  }

  /**
   * Opens a new session in one transaction with what it is decided on (`open` reads
   * the request's or grant's row share-locked in `tx`): a withdrawal or revocation arriving
   * meanwhile waits, then ends it. A deadlock with such a batch rolls one back; this side then
   * decides again.
   */
  protected opening(principal: Principal, open: (session: S, sessionId: string, tx: PoolClient) => Promise<Result<void>>): Promise<Result<S>> {
    const sessionId = randomUUID();
    return retryOnConflict(() =>
      inTransaction(this.pool, async (tx): Promise<Result<S>> => {
        const session = this.kind.store.create(sessionId);
        const opened = await open(session, sessionId, tx);
        if (!opened.ok) return opened;
        await this.kind.store.save(session, commandContextOf(principal), tx);
        return ok(session);
      }),
    );
  }

  /** Records the end of every session whose time ran out (EXPIRED, at its expiry). */
  async expireDue(now: Date = this.clock()): Promise<string[]> {
    const due = await this.kind.schedule.dueForExpiry(now);
    return expireSessions(this.pool, this.kind.store, due, (session) => this.kind.expireIfDue(session, now), this.logger);
  }

  /**
   * Ends every session still open of the request `cause` is about, in the consumer's inbox
   * transaction `tx`; a redelivered cause finds them ended and records nothing.
   */
  protected async endSessionsOf(cause: EventEnvelope, tx: PoolClient, end: (session: S) => boolean): Promise<string[]> {
    return endSessionsIn(
      this.kind.store,
      await this.kind.schedule.openSessionsOfRequest(cause.aggregateId),
      end,
      { actor: SWEEP_ACTOR, correlationId: cause.correlationId, causationId: cause.id },
      tx,
    );
  }
}
