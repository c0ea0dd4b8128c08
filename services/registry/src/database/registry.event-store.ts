import { EventRegistry, quarantineResolvedDefinition, REGISTRY_EVENTS } from '@custos/contracts';
import { AggregateRepository, EventStore } from '@custos/eventstore';
import { Pool } from 'pg';
import { ImageSystemAggregate } from '../domain/image-system.aggregate';
import { MandatorySiteAggregate } from '../domain/mandatory-site.aggregate';
import { OfficerAggregate } from '../domain/officer.aggregate';
import { OperatorAggregate } from '../domain/operator.aggregate';
import { OrganisationAggregate } from '../domain/organisation.aggregate';

export const REGISTRY_SERVICE = 'registry';

/** Every registry event type with its payload schema; consumers elsewhere can use it too. */
export function registryEventRegistry(): EventRegistry {
  return new EventRegistry().register(...REGISTRY_EVENTS, quarantineResolvedDefinition(REGISTRY_SERVICE));
}

export function registryEventStore(pool: Pool): EventStore {
  return new EventStore(pool, REGISTRY_SERVICE, registryEventRegistry());
}

/** The registry's aggregate repositories on one event store. */
export class RegistryRepositories {
  readonly organisations: AggregateRepository<OrganisationAggregate>;
  readonly officers: AggregateRepository<OfficerAggregate>;
  readonly systems: AggregateRepository<ImageSystemAggregate>;
  readonly operators: AggregateRepository<OperatorAggregate>;
  readonly mandatorySites: AggregateRepository<MandatorySiteAggregate>;

  constructor(readonly store: EventStore) {
    this.organisations = new AggregateRepository(store, (id) => new OrganisationAggregate(id));
    this.officers = new AggregateRepository(store, (id) => new OfficerAggregate(id));
    this.systems = new AggregateRepository(store, (id) => new ImageSystemAggregate(id));
    this.operators = new AggregateRepository(store, (id) => new OperatorAggregate(id));
    this.mandatorySites = new AggregateRepository(store, (id) => new MandatorySiteAggregate(id));
  }
}

export { idOfStream, streamOf } from '../domain/stream-ids';
