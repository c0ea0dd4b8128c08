import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { EventEnvelope, findingAggregateId, OversightSubject } from '@custos/contracts';
import { AnomalyThresholds, DEFAULT_ANOMALY_THRESHOLDS } from '@custos/domain';
import { AggregateRepository, AppendRequest, EventStore, inTransaction, ProjectionRunner } from '@custos/eventstore';
import { currentCorrelationId } from '@custos/platform';
import { Pool, PoolClient } from 'pg';
import { findingsProjection } from './findings.projection';
import { Findings } from '../commands/shared/findings.port';
import { FindingAggregate } from '../domain/finding.aggregate';
import { OversightReadModel } from '../queries/shared/oversight-read-model';
import type { OversightModuleOptions } from '../oversight.options';

/**
 * Oversight's database behind the use cases' ports (`Findings`, `OversightReadModel`): the
 * findings, the read model kept in step with each command (the events and the rows its answer
 * reads commit together), the clock and the anomaly thresholds. Handlers and queries inject
 * the ports, never this.
 */
export class FindingRepository extends Findings implements OversightReadModel {
  readonly findings: AggregateRepository<FindingAggregate>;
  readonly readModel: ProjectionRunner;
  readonly now: () => Date;
  readonly thresholds: AnomalyThresholds;

  constructor(
    readonly pool: Pool,
    readonly store: EventStore,
    options: OversightModuleOptions = {},
  ) {
    super();
    this.findings = new AggregateRepository(store, (id) => new FindingAggregate(id));
    this.readModel = new ProjectionRunner(pool, store, findingsProjection);
    this.now = options.clock ?? (() => new Date());
    this.thresholds = options.anomalyThresholds ?? DEFAULT_ANOMALY_THRESHOLDS;
  }

  find(findingId: string): Promise<FindingAggregate | undefined> {
    return this.findings.load(findingAggregateId(findingId));
  }

  async save(finding: FindingAggregate, principal: Principal): Promise<EventEnvelope[]> {
    return this.inCommand((tx) =>
      this.findings.save(finding, { actor: principalToActor(principal), correlationId: currentCorrelationId() ?? randomUUID() }, tx),
    );
  }

  async record(requests: readonly AppendRequest[]): Promise<void> {
    await this.inCommand((tx) => this.store.append(requests, tx));
  }

  /** Runs a command's appends with the read model locked and caught up after them (see ProjectionRunner.lockWithin). */
  async inCommand<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (tx) => {
      await this.readModel.lockWithin(tx);
      const result = await work(tx);
      await this.readModel.catchUpWithin(tx);
      return result;
    });
  }

  async divisionOf(subject: OversightSubject): Promise<string | undefined> {
    if (subject.divisionCode) return subject.divisionCode;
    if (subject.imageSystemId) {
      const { rows } = await this.pool.query('SELECT division_code FROM ov_systems WHERE id = $1', [subject.imageSystemId]);
      if (rows.length > 0) return rows[0].division_code as string;
    }
    if (subject.organisationId) {
      const { rows } = await this.pool.query('SELECT division_code FROM ov_organisations WHERE id = $1', [subject.organisationId]);
      if (rows.length > 0) return rows[0].division_code as string;
    }
    return undefined;
  }

  async ownerOf(imageSystemId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query('SELECT owner_organisation_id FROM ov_systems WHERE id = $1', [imageSystemId]);
    return rows[0]?.owner_organisation_id as string | undefined;
  }
}
