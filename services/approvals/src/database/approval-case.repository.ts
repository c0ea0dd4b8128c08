import { APPROVALS_EVENTS, EventRegistry, quarantineResolvedDefinition } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { ProjectedAggregateRepository } from '@custos/platform';
import { Pool } from 'pg';
import { ApprovalCase } from '../domain/approval-case.aggregate';
import { ApprovalCases } from '../domain/approval-cases.port';
import { approvalsProjection } from './approvals.projection';

export function approvalsEventRegistry(): EventRegistry {
  return new EventRegistry().register(...APPROVALS_EVENTS, quarantineResolvedDefinition('approvals'));
}

/** Loads and saves approval cases; a save appends and projects in the caller's transaction. */
export class ApprovalCaseRepository extends ProjectedAggregateRepository<ApprovalCase> implements ApprovalCases {
  constructor(pool: Pool, store: EventStore) {
    super(pool, store, (id) => new ApprovalCase(id), approvalsProjection);
  }
}
