import type { Principal } from '@custos/auth';
import { assertMayAdminister, assertMayManageOwnerRecord } from '../../access/registry-access';
import { OfficerAggregate } from '../../domain/officer.aggregate';
import { OrganisationAggregate } from '../../domain/organisation.aggregate';
import { RegistryAggregates } from './registry-aggregates';

/** The organisation, once the caller is found to administer it: within its jurisdiction (R5.1). */
export async function administeredOrganisation(aggregates: RegistryAggregates, principal: Principal, organisationId: string): Promise<OrganisationAggregate> {
  const organisation = await aggregates.organisation(organisationId);
  assertMayAdminister(principal, organisation.divisionCode);
  return organisation;
}

/** The officer, once the caller is found to administer the officer's organisation (R5.1, R18.2). */
export async function administeredOfficer(aggregates: RegistryAggregates, principal: Principal, officerId: string): Promise<OfficerAggregate> {
  const officer = await aggregates.officer(officerId);
  await administeredOrganisation(aggregates, principal, officer.organisationId);
  return officer;
}

/** The owner, once the caller is found to manage its operators: the owner itself or an administrator over it (R16.2). */
export async function ownerOfOperators(aggregates: RegistryAggregates, principal: Principal, organisationId: string): Promise<OrganisationAggregate> {
  const owner = await aggregates.organisation(organisationId);
  assertMayManageOwnerRecord(principal, { ownerOrganisationId: owner.key, divisionCode: owner.divisionCode }, 'an operator');
  return owner;
}
