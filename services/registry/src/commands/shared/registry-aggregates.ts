import type { Principal } from '@custos/auth';
import type { EventEnvelope } from '@custos/contracts';
import { DomainError, domainErrorOf } from '@custos/domain';
import type { EventSourcedAggregate } from '@custos/eventstore';
import { refuse } from '@custos/platform';
import { ImageSystemAggregate } from '../../domain/image-system.aggregate';
import { MandatorySiteAggregate } from '../../domain/mandatory-site.aggregate';
import { OfficerAggregate } from '../../domain/officer.aggregate';
import { OperatorAggregate } from '../../domain/operator.aggregate';
import { OrganisationAggregate } from '../../domain/organisation.aggregate';
import { streamOf } from '../../domain/stream-ids';

/** The registry's aggregates by kind. */
export interface RegistryAggregateKinds {
  organisation: OrganisationAggregate;
  officer: OfficerAggregate;
  operator: OperatorAggregate;
  system: ImageSystemAggregate;
  mandatorySite: MandatorySiteAggregate;
}

export type RegistryKind = keyof typeof streamOf;

const NOT_FOUND: Record<keyof RegistryAggregateKinds, (id: string) => DomainError> = {
  organisation: (organisationId) => domainErrorOf('CUSTOS_REGISTRY_ORGANISATION_NOT_FOUND', { organisationId }),
  officer: (officerId) => domainErrorOf('CUSTOS_REGISTRY_OFFICER_NOT_FOUND', { officerId }),
  operator: (operatorId) => domainErrorOf('CUSTOS_REGISTRY_OPERATOR_NOT_FOUND', { operatorId }),
  system: (imageSystemId) => domainErrorOf('CUSTOS_REGISTRY_IMAGE_SYSTEM_NOT_FOUND', { imageSystemId }),
  mandatorySite: (siteId) => domainErrorOf('CUSTOS_R7_1_SITE_NOT_FOUND', { siteId }),
};

/**
 * The registry's aggregates, a port the database implements: each loaded from its stream, and
 * one way to save, in which the events, the unique keys they claim and the lists they change
 * commit in one transaction. The use cases refuse what is missing; the database only finds.
 */
export abstract class RegistryAggregates {
  abstract find<K extends keyof RegistryAggregateKinds>(kind: K, id: string): Promise<RegistryAggregateKinds[K] | undefined>;
  abstract save(aggregate: EventSourcedAggregate, principal: Principal): Promise<EventEnvelope[]>;
  abstract exists(kind: RegistryKind, id: string): Promise<boolean>;
  /** Whether a credential number was ever issued, to any officer. */
  abstract credentialIssued(credentialNumber: string): Promise<boolean>;
  /** Whether a camera id was ever registered, in any system. */
  abstract cameraRegistered(cameraId: string): Promise<boolean>;

  /** The aggregate, or the refusal that names what is missing. */
  async load<K extends keyof RegistryAggregateKinds>(kind: K, id: string): Promise<RegistryAggregateKinds[K]> {
    return (await this.find(kind, id)) ?? refuse(NOT_FOUND[kind](id));
  }

  organisation = (id: string): Promise<OrganisationAggregate> => this.load('organisation', id);
  officer = (id: string): Promise<OfficerAggregate> => this.load('officer', id);
  operator = (id: string): Promise<OperatorAggregate> => this.load('operator', id);
  system = (id: string): Promise<ImageSystemAggregate> => this.load('system', id);
  mandatorySite = (id: string): Promise<MandatorySiteAggregate> => this.load('mandatorySite', id);

  async assertNew(kind: RegistryKind, id: string): Promise<void> {
    if (await this.exists(kind, id)) refuse(domainErrorOf('CUSTOS_REGISTRY_ALREADY_REGISTERED', { kind, id }));
  }
}

/** Where a system stands, from the registry's lists, a port the database implements. */
export abstract class RegistryPlaces {
  /**
   * The county public security organ where a system stands, to which its changes are reported
   * (R15.1); undefined where none is registered.
   */
  abstract countyPsbFor(divisionCode: string): Promise<string | undefined>;
  /** The system a camera belongs to (camera ids are unique). */
  abstract systemIdOfCamera(cameraId: string): Promise<string | undefined>;
}

/** The registry's clock, which stamps decisions and reports (R15.1); tests pass a fixed one. */
export const REGISTRY_CLOCK = Symbol('REGISTRY_CLOCK');
/** The rule packs a system's retention floor comes from (issue 21). */
export const REGISTRY_RULE_PACKS = Symbol('REGISTRY_RULE_PACKS');
