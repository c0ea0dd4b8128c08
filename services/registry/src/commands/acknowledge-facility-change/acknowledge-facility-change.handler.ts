import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { orRefuse } from '@custos/platform';
import { AcknowledgeFacilityChangeCommand } from './acknowledge-facility-change.command';

/** The acknowledgement, as the caller is answered. */
export type FacilityChangeAcknowledgement = { readonly changeId: string; readonly acknowledgedAt: string };

/** R15.1: the county public security organ a change report is addressed to acknowledges it. */
@CommandHandler(AcknowledgeFacilityChangeCommand)
export class AcknowledgeFacilityChangeHandler extends RegistryCommandHandler implements ICommandHandler<AcknowledgeFacilityChangeCommand, FacilityChangeAcknowledgement> {
  async execute({ principal, systemId, changeId }: AcknowledgeFacilityChangeCommand) {
    const system = await this.aggregates.system(systemId);
    const at = this.now();
    orRefuse(system.acknowledgeChange(changeId, { organisationId: principal.organisationId, personId: principal.personId }, at));
    await this.aggregates.save(system, principal);
    return { changeId, acknowledgedAt: at.toISOString() };
  }
}
