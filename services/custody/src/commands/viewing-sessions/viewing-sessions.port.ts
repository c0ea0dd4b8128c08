import { CommandContext } from '@custos/eventstore';
import type { PoolClient } from 'pg';
import type { ViewRequest } from '@custos/domain';
import { ViewingSession } from '../../domain/viewing-session.aggregate';

/*
 * What the viewing-session commands need of storage (R18.1–R18.4), as ports the database
 * classes implement and the wiring binds. `tx` is the transaction a step runs in: a request's
 * row share-locked while a session opens, a consumer's inbox transaction while sessions end.
 */

/** Viewing sessions from their events, saved at the revision they were loaded at. */
export abstract class ViewingSessions {
  abstract load(sessionId: string, tx?: PoolClient): Promise<ViewingSession | undefined>;
  abstract create(sessionId: string): ViewingSession;
  abstract save(session: ViewingSession, context: CommandContext, tx?: PoolClient): Promise<unknown>;
}

/** The VIEW requests custody has heard of; inside a transaction the request's row is share-locked. */
export abstract class ViewRequestLookup {
  abstract find(requestId: string, tx?: PoolClient): Promise<ViewRequest | undefined>;
}

/** Which sessions are open, of a request or an owner, and which have run out of time. */
export abstract class ViewingSessionSchedule {
  abstract openSessionOf(requestId: string, ownerOrganisationId: string, now: Date): Promise<string | undefined>;
  abstract openSessionsOfRequest(requestId: string): Promise<string[]>;
  abstract dueForExpiry(now: Date): Promise<string[]>;
}
