import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@custos/auth';
import { assertMayAdminister, assertMayManageOwnerRecord } from '../../access/registry-access';
import { OfficerAggregate } from '../../domain/officer.aggregate';
import { OrganisationAggregate } from '../../domain/organisation.aggregate';
import { REGISTRY_CLOCK, RegistryAggregates } from './registry-aggregates';

/**
 * What a registry use case works with: its aggregates, the clock that stamps its decisions
 * (R15.1) and the records it may change as the caller; a handler states only its `execute`
 * (and what else it needs, in its own constructor).
 */
@Injectable()
export abstract class RegistryCommandHandler {
  constructor(
    protected readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) protected readonly now: () => Date,
  ) {}

  /** The organisation, once the caller is found to administer it: within its jurisdiction (R5.1). */
  protected async administeredOrganisation(principal: Principal, organisationId: string): Promise<OrganisationAggregate> {
    const organisation = await this.aggregates.organisation(organisationId);
    assertMayAdminister(principal, organisation.divisionCode);
    return organisation;
  }

  /** The officer, once the caller is found to administer the officer's organisation (R5.1, R18.2). */
  protected async administeredOfficer(principal: Principal, officerId: string): Promise<OfficerAggregate> {
    const officer = await this.aggregates.officer(officerId);
    await this.administeredOrganisation(principal, officer.organisationId);
    return officer;
  }

  /** The owner, once the caller is found to manage its operators: the owner itself or an administrator over it (R16.2). */
  protected async ownerOfOperators(principal: Principal, organisationId: string): Promise<OrganisationAggregate> {
    const owner = await this.aggregates.organisation(organisationId);
    assertMayManageOwnerRecord(principal, { ownerOrganisationId: owner.key, divisionCode: owner.divisionCode }, 'an operator');
    return owner;
  }
}
