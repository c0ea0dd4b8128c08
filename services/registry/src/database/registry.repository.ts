import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { EventEnvelope } from '@custos/contracts';
import {
  CHINA_STATUTORY_HOLIDAYS,
  compareLevels,
  DEFAULT_RULE_PACK_CONFIG,
  HolidayCalendar,
  OrganisationLevel,
  parseDivisionCode,
  RulePackConfig,
} from '@custos/domain';
import { AggregateRepository, EventSourcedAggregate, EventStore, inTransaction, ProjectionRunner } from '@custos/eventstore';
import { currentCorrelationId } from '@custos/platform';
import { Pool } from 'pg';
import { RegistryRepositories, streamOf } from './registry.event-store';
import { registryListsProjection } from './registry.projection';
import { supervisionProjection } from './supervision.projection';
import { registryPlacesProjection } from './places.projection';
import { RegistryReadModel } from '../queries/shared/registry-read-model';
import { claimUniqueKeys, uniqueKeyTaken } from './registry.unique-keys';
import { RegistryAggregateKinds, RegistryAggregates, RegistryKind, RegistryPlaces } from '../commands/shared/registry-aggregates';

/**
 * The registry's database behind the use cases' ports (`RegistryAggregates`, `RegistryPlaces`):
 * the aggregates' streams, the list projections, and one way to save: the events, the unique
 * keys they claim and the lists they change commit in one transaction, so an answer never
 * follows a write that only partly happened (and a list that cannot take an event quarantines
 * it instead of failing the command; see ProjectionRunner). Handlers inject the ports, never this.
 */
export class RegistryRepository extends RegistryAggregates implements RegistryPlaces, RegistryReadModel {
  readonly repositories: RegistryRepositories;
  readonly lists: ProjectionRunner;
  /** Mandatory sites and the change-report queue (R7.1, R7.2, R15.1). */
  readonly supervision: ProjectionRunner;
  readonly places: ProjectionRunner;
  readonly now: () => Date;
  /** The statutory holidays that move the end of the R15.1 period (the shipped data file). */
  readonly holidays: HolidayCalendar = CHINA_STATUTORY_HOLIDAYS;

  constructor(
    readonly pool: Pool,
    readonly store: EventStore,
    clock?: () => Date,
    /** The texts a system's retention floor comes from (issue 21). */
    readonly rulePacks: RulePackConfig = DEFAULT_RULE_PACK_CONFIG,
  ) {
    super();
    this.repositories = new RegistryRepositories(store);
    this.lists = new ProjectionRunner(pool, store, registryListsProjection);
    this.supervision = new ProjectionRunner(pool, store, supervisionProjection);
    this.places = new ProjectionRunner(pool, store, registryPlacesProjection);
    this.now = clock ?? (() => new Date());
  }

  async save(aggregate: EventSourcedAggregate, principal: Principal): Promise<EventEnvelope[]> {
    return inTransaction(this.pool, async (tx) => {
      await this.lists.lockWithin(tx);
      await this.supervision.lockWithin(tx);
      // Saving reads nothing of the kind: any repository of this store appends the aggregate's events.
      const anyKind: AggregateRepository<EventSourcedAggregate> = this.repositories.organisations;
      const stored = await anyKind.save(
        aggregate,
        { actor: principalToActor(principal), correlationId: currentCorrelationId() ?? randomUUID() },
        tx,
      );
      await claimUniqueKeys(tx, stored);
      await this.lists.catchUpWithin(tx);
      await this.supervision.catchUpWithin(tx);
      return stored;
    });
  }

  async find<K extends keyof RegistryAggregateKinds>(kind: K, id: string): Promise<RegistryAggregateKinds[K] | undefined> {
    const repositories: { [P in keyof RegistryAggregateKinds]: AggregateRepository<RegistryAggregateKinds[P]> } = {
      organisation: this.repositories.organisations,
      officer: this.repositories.officers,
      operator: this.repositories.operators,
      system: this.repositories.systems,
      mandatorySite: this.repositories.mandatorySites,
    };
    return repositories[kind].load(streamOf[kind](id)) as Promise<RegistryAggregateKinds[K] | undefined>;
  }

  async exists(kind: RegistryKind, id: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM es_events WHERE aggregate_id = $1 LIMIT 1', [streamOf[kind](id)]);
    return rows.length > 0;
  }

  credentialIssued(credentialNumber: string): Promise<boolean> {
    return uniqueKeyTaken(this.pool, 'credential', credentialNumber);
  }

  cameraRegistered(cameraId: string): Promise<boolean> {
    return uniqueKeyTaken(this.pool, 'camera', cameraId);
  }

  /**
   * The county public security organ where a system stands (R15.1): the public security organ at county level or above whose jurisdiction covers the
   * system's division, the lowest such. Choice: where the system's division is itself a city
   * (a district-less city, or a system registered at city level), the city bureau acts as
   * the county-level organ, as it does for such places in practice.
   */
  async countyPsbFor(divisionCode: string): Promise<string | undefined> {
    await this.lists.catchUp();
    const { rows } = await this.pool.query(
      "SELECT id, level, division_code FROM reg_organisations WHERE type = 'PUBLIC_SECURITY' AND level IN ('COUNTY', 'CITY', 'PROVINCE')",
    );
    const covering = rows
      .filter((r) => {
        const division = parseDivisionCode(r.division_code as string);
        return division.ok && divisionCode.startsWith(division.value.prefix);
      })
      .sort((a, b) => compareLevels(a.level as OrganisationLevel, b.level as OrganisationLevel) || String(a.id).localeCompare(String(b.id)));
    return covering[0]?.id as string | undefined;
  }

  /** Through the list projection. */
  async systemIdOfCamera(cameraId: string): Promise<string | undefined> {
    await this.lists.catchUp();
    const { rows } = await this.pool.query('SELECT system_id FROM reg_cameras WHERE id = $1', [cameraId]);
    return rows[0]?.system_id as string | undefined;
  }
}
