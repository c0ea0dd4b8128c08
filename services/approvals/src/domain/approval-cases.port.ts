import type { CommandContext } from '@custos/eventstore';
import type { PoolClient } from 'pg';
import type { ApprovalCase } from './approval-case.aggregate';

/** The approval cases, a port the database implements; a save appends and projects in the caller's transaction. */
export abstract class ApprovalCases {
  abstract load(id: string, tx?: PoolClient): Promise<ApprovalCase | undefined>;
  abstract save(approvalCase: ApprovalCase, context: CommandContext, tx: PoolClient): Promise<void>;
  /** Runs the work in one transaction; an event-store refusal becomes its HTTP answer. */
  abstract transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T>;
}
