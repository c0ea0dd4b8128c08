import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { orRefuse, RegistryContext } from '../../registry.context';
import { AcknowledgeFacilityChangeCommand } from './acknowledge-facility-change.command';

/** R15.1: the county public security organ a change report is addressed to acknowledges it. */
@CommandHandler(AcknowledgeFacilityChangeCommand)
export class AcknowledgeFacilityChangeHandler
  implements ICommandHandler<AcknowledgeFacilityChangeCommand, { changeId: string; acknowledgedAt: string }>
{
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, systemId, changeId }: AcknowledgeFacilityChangeCommand) {
    const system = await this.registry.system(systemId);
    const at = this.registry.now();
    orRefuse(system.acknowledgeChange(changeId, { organisationId: principal.organisationId, personId: principal.personId }, at));
    await this.registry.save(this.registry.repositories.systems, system, principal);
    return { changeId, acknowledgedAt: at.toISOString() };
  }
}
