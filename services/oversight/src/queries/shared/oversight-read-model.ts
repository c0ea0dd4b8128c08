import type { AnomalyThresholds } from '@custos/domain';
import type { ProjectionRunner } from '@custos/eventstore';
import type { Pool } from 'pg';

/**
 * Oversight's read models, a port the database implements: the queries read its tables (the
 * findings' caught up first, so an answer follows the acts before it) with the clock and the
 * anomaly thresholds the figures are computed with.
 */
export abstract class OversightReadModel {
  abstract readonly pool: Pool;
  abstract readonly readModel: ProjectionRunner;
  abstract readonly now: () => Date;
  abstract readonly thresholds: AnomalyThresholds;
}
