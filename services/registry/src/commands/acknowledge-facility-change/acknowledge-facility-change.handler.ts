import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { REGISTRY_CLOCK, RegistryAggregates } from '../shared/registry-aggregates';
import { orRefuse } from '@custos/platform';
import { Inject } from '@nestjs/common';
import { AcknowledgeFacilityChangeCommand } from './acknowledge-facility-change.command';

/** R15.1: the county public security organ a change report is addressed to acknowledges it. */
@CommandHandler(AcknowledgeFacilityChangeCommand)
export class AcknowledgeFacilityChangeHandler
  implements ICommandHandler<AcknowledgeFacilityChangeCommand, { changeId: string; acknowledgedAt: string }>
{
  constructor(
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
  ) {}

  async execute({ principal, systemId, changeId }: AcknowledgeFacilityChangeCommand) {
    const system = await this.aggregates.system(systemId);
    const at = this.now();
    orRefuse(system.acknowledgeChange(changeId, { organisationId: principal.organisationId, personId: principal.personId }, at));
    await this.aggregates.save(system, principal);
    return { changeId, acknowledgedAt: at.toISOString() };
  }
}
