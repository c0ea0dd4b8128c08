import type { EventEnvelope } from '@custos/contracts';
import type { FulfilmentKind } from '@custos/domain';
import type { CommandContext } from '@custos/eventstore';
import type { PoolClient } from 'pg';
import type { AccessRequest } from './access-request.aggregate';

/** A ready request past its kind's fulfilment deadline, with the systems it names. */
export interface OverdueRequest {
  readonly id: string;
  readonly readySince: Date;
  readonly imageSystemIds: string[];
}

/**
 * The access requests, a port the database implements: a save appends and projects in the
 * caller's transaction; the finders read the read model, which only narrows a search.
 */
export abstract class AccessRequests {
  abstract load(id: string, tx?: PoolClient): Promise<AccessRequest | undefined>;
  abstract save(request: AccessRequest, context: CommandContext, tx: PoolClient): Promise<void>;
  /** Runs the work in one transaction; an event-store refusal becomes its HTTP answer. */
  abstract transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T>;
  /** The events recorded on a stream, oldest first. */
  abstract history(aggregateId: string): Promise<EventEnvelope[]>;
  /** Ids of requests awaiting co-signature whose deadline is at or before `now`, earliest first (at most 1000). */
  abstract staleAwaitingCoSignature(now: Date): Promise<string[]>;
  /** Ready requests (a registered view, an approved and unrevoked copy or retrieval) past their kind's deadline at `now` with a system not yet escalated (at most 500). */
  abstract overdueForFulfilment(now: Date, deadlineMs: Record<FulfilmentKind, number>): Promise<OverdueRequest[]>;
  /** The owner organisations that did something fulfilling the request: exported, answered "not held", or opened the viewing session. */
  abstract fulfilledBy(requestId: string, tx: PoolClient): Promise<string[]>;
}
