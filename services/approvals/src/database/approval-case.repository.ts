import { APPROVALS_EVENTS, EventRegistry, quarantineResolvedDefinition } from '@custos/contracts';
import { AggregateRepository, CommandContext, EventStore, inTransaction } from '@custos/eventstore';
import { Pool, PoolClient } from 'pg';
import { ApprovalCase } from '../domain/approval-case.aggregate';
import { ApprovalCases } from '../domain/approval-cases.port';
import { approvalsProjection } from './approvals.projection';

export function approvalsEventRegistry(): EventRegistry {
  return new EventRegistry().register(...APPROVALS_EVENTS, quarantineResolvedDefinition('approvals'));
}

/** Loads and saves approval cases; a save appends and projects in the caller's transaction. */
export class ApprovalCaseRepository implements ApprovalCases {
  private readonly aggregates: AggregateRepository<ApprovalCase>;

  constructor(
    readonly pool: Pool,
    readonly store: EventStore,
  ) {
    this.aggregates = new AggregateRepository(store, (id) => new ApprovalCase(id));
  }

  load(id: string, tx?: PoolClient): Promise<ApprovalCase | undefined> {
    return this.aggregates.load(id, tx);
  }

  async save(approvalCase: ApprovalCase, context: CommandContext, tx: PoolClient): Promise<void> {
    const stored = await this.aggregates.save(approvalCase, context, tx);
    for (const event of stored) await approvalsProjection.apply(event, tx);
  }

  /**
   * A lost race or a refused event surfaces as the kernel's EventStoreError, which the exception
   * filter answers. The appends go last, with the commit (`atCommit`), so the log's sequence
   * lock is held for no round trip of the command.
   */
  transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work, { atCommit: true });
  }
}
