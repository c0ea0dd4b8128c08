import { APPROVALS_EVENTS, EventRegistry, quarantineResolvedDefinition } from '@custos/contracts';
import { AggregateRepository, CommandContext, EventStore, EventStoreError, inTransaction } from '@custos/eventstore';
import { HttpException } from '@nestjs/common';
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

  async transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.pool, work);
    } catch (error) {
      if (error instanceof EventStoreError) {
        throw new HttpException({ statusCode: error.status, code: error.code, message: error.message }, error.status);
      }
      throw error;
    }
  }
}
