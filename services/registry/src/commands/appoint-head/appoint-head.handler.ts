import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { administeredOrganisation } from '../shared/administered';
import { REGISTRY_CLOCK, RegistryAggregates } from '../shared/registry-aggregates';
import { orRefuse } from '@custos/platform';
import { Inject } from '@nestjs/common';
import { AppointHeadCommand } from './appoint-head.command';

/** The term begun, as the caller is answered. */
export interface HeadTermBegun {
  readonly organisationId: string;
  readonly personId: string;
  readonly from: string;
}

/**
 * A head term begins: from `from` the person may sign the organ's approvals (R17.2–R17.4);
 * a `from` in the past needs a recorded reason (issue 16).
 */
@CommandHandler(AppointHeadCommand)
export class AppointHeadHandler implements ICommandHandler<AppointHeadCommand, HeadTermBegun> {
  constructor(
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
  ) {}

  async execute({ principal, organisationId, personId, from, name, backdatingReason }: AppointHeadCommand): Promise<HeadTermBegun> {
    const organisation = await administeredOrganisation(this.aggregates, principal, organisationId);
    orRefuse(organisation.appointHead(personId, from, { now: this.now(), backdatingReason }, name));
    await this.aggregates.save(organisation, principal);
    return { organisationId, personId, from: from.toISOString() };
  }
}
