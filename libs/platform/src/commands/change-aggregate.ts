import { NotFoundException } from '@nestjs/common';
import type { CommandContext } from '@custos/eventstore';

/** An event-sourced aggregate's port as a command changes it: loaded, saved and transacted alike. */
export interface TransactionalAggregates<Aggregate, Tx> {
  load(id: string, tx: Tx): Promise<Aggregate | undefined>;
  save(aggregate: Aggregate, context: CommandContext, tx: Tx): Promise<void>;
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Which aggregate a command changes, and how it is named when there is none (`approval case for request`). */
export interface AggregateTarget<Aggregate> {
  readonly id: string;
  readonly noun: string;
  /** Whether the caller may see it; one they may not is answered as absent, not as forbidden. */
  readonly visible?: (aggregate: Aggregate) => boolean;
}

/**
 * The one shape of a command on one aggregate: in one transaction it is loaded (`CUSTOS_NOT_FOUND`
 * when absent or not the caller's to see), changed by `work` — which refuses by throwing, so
 * nothing is saved — and its new events saved with the command's context; answers what `work` returned.
 */
export function changeAggregate<Aggregate, Tx, T>(
  aggregates: TransactionalAggregates<Aggregate, Tx>,
  target: AggregateTarget<Aggregate>,
  context: CommandContext,
  work: (aggregate: Aggregate, tx: Tx) => Promise<T> | T,
): Promise<T> {
  return aggregates.transaction(async (tx) => {
    const aggregate = await aggregates.load(target.id, tx);
    if (aggregate === undefined || (target.visible && !target.visible(aggregate))) {
      throw new NotFoundException({ code: 'CUSTOS_NOT_FOUND', message: `no ${target.noun} ${target.id}` });
    }
    const answer = await work(aggregate, tx);
    await aggregates.save(aggregate, context, tx);
    return answer;
  });
}
