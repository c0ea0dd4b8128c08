import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@custos/auth';
import { operatorClaimsHeld } from '@custos/platform';
import { EventEnvelope, RequestWithdrawn } from '@custos/contracts';
import { DEFAULT_OFFICER_POLICY, DEFAULT_RULE_PACK_CONFIG, err, ok, OfficerPolicy, Result, RulePackConfig } from '@custos/domain';
import { Pool, PoolClient } from 'pg';
import { OfficerDirectory } from '../../domain/officer-directory.port';
import { ViewingSession } from '../../domain/viewing-session.aggregate';
import { viewingErrors } from '@custos/domain';
import { SessionCommands } from '../session-commands';
import type { CustodyModuleOptions } from '../../custody.options';
import { Clock, CUSTODY_CLOCK, CUSTODY_OPTIONS, CUSTODY_POOL, OFFICER_DIRECTORY } from '../../custody.tokens';
import { ViewingSessions, ViewingSessionSchedule, ViewRequestLookup } from './viewing-sessions.port';
import { viewingSessionState } from './viewing-session.state';
import { ViewingSessionStateDto } from '../../queries/viewing-sessions/viewing-sessions.response.dto';

/**
 * The viewing sessions' commands (R18.1–R18.4) around the aggregate's decisions: load (404
 * when unknown), check the calling officer against the registry at "now" (R18.2), decide, and
 * save only an accepted decision.
 */
@Injectable()
export class ViewingSessionCommands extends SessionCommands<ViewingSession, ViewingSessionStateDto> {
  /** Who may join a session beyond the law's two officers (R18.1 policy `onlySigners`). */
  readonly officerPolicy: OfficerPolicy;
  /** The configured rule packs (issue 21): the place's text decides the officers a session needs. */
  readonly rulePacks: RulePackConfig;

  constructor(
    readonly sessions: ViewingSessions,
    private readonly requests: ViewRequestLookup,
    private readonly readModels: ViewingSessionSchedule,
    @Inject(OFFICER_DIRECTORY) officers: OfficerDirectory,
    @Inject(CUSTODY_CLOCK) clock: Clock,
    @Inject(CUSTODY_POOL) pool: Pool,
    @Inject(CUSTODY_OPTIONS) options: CustodyModuleOptions,
  ) {
    super({ store: sessions, schedule: readModels, notFound: viewingErrors.sessionNotFound, expireIfDue: (s, now) => s.expireIfDue(now), mayPlay: (s, personId, now) => s.mayPlay(personId, now), state: viewingSessionState }, officers, clock, pool);
    this.officerPolicy = options.officerPolicy ?? DEFAULT_OFFICER_POLICY;
    this.rulePacks = options.rulePacks ?? DEFAULT_RULE_PACK_CONFIG;
  }

  /**
   * The owner's operator opens a session for a co-signed VIEW request naming their systems; the
   * owner is the organisation the registry holds them for, never the token's claim alone.
   */
  async open(principal: Principal, requestId: string, durationMs: number): Promise<Result<ViewingSession>> {
    const registered = await operatorClaimsHeld(this.officers, principal);
    if (!registered.ok) return registered;
    const owner = registered.value;
    const openAlready = await this.readModels.openSessionOf(requestId, owner.id, this.clock());
    if (openAlready !== undefined) return err(viewingErrors.alreadyOpen(requestId, openAlready));
    return this.opening(principal, async (session, sessionId, tx) => {
      const current = await this.requests.find(requestId, tx);
      if (!current) return err(viewingErrors.requestNotFound(requestId));
      const opener = { personId: principal.personId, organisationId: owner.id, divisionCode: owner.divisionCode };
      return session.open({ sessionId, request: current, opener, durationMs, now: this.clock(), rulePacks: this.rulePacks });
    });
  }

  /** The owner's operator behind a call on a session, as the registry holds them (issue 16). */
  async registeredOwner(principal: Principal): Promise<Result<{ personId: string; organisationId: string }>> {
    const owner = await operatorClaimsHeld(this.officers, principal);
    return owner.ok ? ok({ personId: principal.personId, organisationId: owner.value.id }) : owner;
  }

  /**
   * The VIEW request was withdrawn (R18.3): ends every session of it still open, in the
   * consumer's inbox transaction `tx` (with the request marked WITHDRAWN there first, so no
   * session can open after). A redelivered withdrawal finds them closed and records nothing.
   */
  endForWithdrawnRequest(withdrawal: EventEnvelope, tx: PoolClient, { withdrawnBy }: RequestWithdrawn): Promise<string[]> {
    const now = this.clock();
    return this.endSessionsOf(withdrawal, tx, (session) => session.endForWithdrawnRequest(withdrawnBy, now));
  }
}
