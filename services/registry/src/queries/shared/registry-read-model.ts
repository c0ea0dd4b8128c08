import type { EventStore, ProjectionRunner } from '@custos/eventstore';
import type { Pool } from 'pg';

/**
 * The registry's read models, a port the database implements: the queries read its lists
 * (caught up first, so an answer follows the writes before it) and the event-key streams.
 */
export abstract class RegistryReadModel {
  abstract readonly pool: Pool;
  abstract readonly store: EventStore;
  /** Organisations, officers, operators, systems and cameras. */
  abstract readonly lists: ProjectionRunner;
  /** Mandatory sites and the change-report queue (R7.1, R7.2, R15.1). */
  abstract readonly supervision: ProjectionRunner;
  /** Where cameras stand, for the directory. */
  abstract readonly places: ProjectionRunner;
}
