import { randomUUID } from 'node:crypto';
import { Principal, principalToActor } from '@custos/auth';
import { EventEnvelope } from '@custos/contracts';
import {
  CHINA_STATUTORY_HOLIDAYS,
  compareLevels,
  DEFAULT_RULE_PACK_CONFIG,
  DomainError,
  domainErrorOf,
  HolidayCalendar,
  OrganisationLevel,
  parseDivisionCode,
  RulePackConfig,
} from '@custos/domain';
import { AggregateRepository, EventSourcedAggregate, EventStore, inTransaction, ProjectionRunner } from '@custos/eventstore';
import { currentCorrelationId, DomainException } from '@custos/platform';
import { Pool } from 'pg';
import { RegistryRepositories, streamOf } from './database/registry.event-store';
import { registryListsProjection } from './database/registry.projection';
import { supervisionProjection } from './database/supervision.projection';
import { claimUniqueKeys, uniqueKeyTaken } from './database/registry.unique-keys';
import { ImageSystemAggregate } from './domain/image-system.aggregate';
import { MandatorySiteAggregate } from './domain/mandatory-site.aggregate';
import { OfficerAggregate } from './domain/officer.aggregate';
import { OperatorAggregate } from './domain/operator.aggregate';
import { OrganisationAggregate } from './domain/organisation.aggregate';

export const REGISTRY_OPTIONS = Symbol('REGISTRY_OPTIONS');
export const REGISTRY_EVENT_STORE = Symbol('REGISTRY_EVENT_STORE');

export interface RegistryModuleOptions {
  /** The registry's own database (its event store, outbox and read models). */
  readonly pool: Pool;
  /** The clock that stamps reports (R15.1); tests pass a fixed one. */
  readonly clock?: () => Date;
  /** The rule packs and how they compose (issue 21, `rulePacksOf(config)`); default `DEFAULT_RULE_PACK_CONFIG`. */
  readonly rulePacks?: RulePackConfig;
}

/**
 * What every registry handler needs: the aggregates, the list projection, the clock, and one
 * way to save: the events, the unique keys they claim and the lists they change commit in one
 * transaction, so an answer never follows a write that only partly happened (and a list that
 * cannot take an event quarantines it instead of failing the command; see ProjectionRunner).
 */
export class RegistryContext {
  readonly repositories: RegistryRepositories;
  readonly lists: ProjectionRunner;
  /** Mandatory sites and the change-report queue (R7.1, R7.2, R15.1). */
  readonly supervision: ProjectionRunner;
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
    this.repositories = new RegistryRepositories(store);
    this.lists = new ProjectionRunner(pool, store, registryListsProjection);
    this.supervision = new ProjectionRunner(pool, store, supervisionProjection);
    this.now = clock ?? (() => new Date());
  }

  async save<A extends EventSourcedAggregate>(
    repository: AggregateRepository<A>,
    aggregate: A,
    principal: Principal,
  ): Promise<EventEnvelope[]> {
    return inTransaction(this.pool, async (tx) => {
      await this.lists.lockWithin(tx);
      await this.supervision.lockWithin(tx);
      const stored = await repository.save(
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

  async organisation(id: string): Promise<OrganisationAggregate> {
    const found = await this.repositories.organisations.load(streamOf.organisation(id));
    if (!found) throw new DomainException(domainErrorOf('CUSTOS_REGISTRY_ORGANISATION_NOT_FOUND', { organisationId: id }));
    return found;
  }

  async officer(id: string): Promise<OfficerAggregate> {
    const found = await this.repositories.officers.load(streamOf.officer(id));
    if (!found) throw new DomainException(domainErrorOf('CUSTOS_REGISTRY_OFFICER_NOT_FOUND', { officerId: id }));
    return found;
  }

  async operator(id: string): Promise<OperatorAggregate> {
    const found = await this.repositories.operators.load(streamOf.operator(id));
    if (!found) throw new DomainException(domainErrorOf('CUSTOS_REGISTRY_OPERATOR_NOT_FOUND', { operatorId: id }));
    return found;
  }

  async system(id: string): Promise<ImageSystemAggregate> {
    const found = await this.repositories.systems.load(streamOf.system(id));
    if (!found) throw new DomainException(domainErrorOf('CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND', { imageSystemId: id }));
    return found;
  }

  async mandatorySite(id: string): Promise<MandatorySiteAggregate> {
    const found = await this.repositories.mandatorySites.load(streamOf.mandatorySite(id));
    if (!found) throw new DomainException(domainErrorOf('CUSTOS_R7_1_SITE_NOT_FOUND', { siteId: id }));
    return found;
  }

  async exists(kind: keyof typeof streamOf, id: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM es_events WHERE aggregate_id = $1 LIMIT 1', [streamOf[kind](id)]);
    return rows.length > 0;
  }

  async assertNew(kind: keyof typeof streamOf, id: string): Promise<void> {
    if (await this.exists(kind, id)) throw new DomainException(domainErrorOf('CUSTOS_REGISTRY_ALREADY_REGISTERED', { kind, id }));
  }

  /** Whether a credential number was ever issued, to any officer. */
  credentialIssued(credentialNumber: string): Promise<boolean> {
    return uniqueKeyTaken(this.pool, 'credential', credentialNumber);
  }

  /** Whether a camera id was ever registered, in any system. */
  cameraRegistered(cameraId: string): Promise<boolean> {
    return uniqueKeyTaken(this.pool, 'camera', cameraId);
  }

  /**
   * The county public security organ where a system stands, to which its changes are reported
   * (R15.1): the public security organ at county level or above whose jurisdiction covers the
   * system's division, the lowest such. Choice: where the system's division is itself a city
   * (a district-less city, or a system registered at city level), the city bureau acts as
   * the county-level organ, as it does for such places in practice.
   */
  async countyPsbFor(divisionCode: string): Promise<string> {
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
    if (covering.length === 0) throw new DomainException(domainErrorOf('CUSTOS_R15_1_NO_COUNTY_PSB', { divisionCode }));
    return covering[0].id as string;
  }

  /** The system a camera belongs to, through the list projection (camera ids are unique). */
  async systemIdOfCamera(cameraId: string): Promise<string | undefined> {
    await this.lists.catchUp();
    const { rows } = await this.pool.query('SELECT system_id FROM reg_cameras WHERE id = $1', [cameraId]);
    return rows[0]?.system_id as string | undefined;
  }
}

/** Unwraps a rule's answer at the HTTP edge. */
export function orRefuse<T>(result: { ok: true; value: T } | { ok: false; error: DomainError }): T {
  if (!result.ok) throw new DomainException(result.error);
  return result.value;
}
