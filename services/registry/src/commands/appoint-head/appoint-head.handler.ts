import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayAdminister } from '../../access/registry-access';
import { orRefuse, RegistryContext } from '../../registry.context';
import { AppointHeadCommand } from './appoint-head.command';

/**
 * A head term begins: from `from` the person may sign the organ's approvals (R17.2–R17.4);
 * a `from` in the past needs a recorded reason (issue 16).
 */
@CommandHandler(AppointHeadCommand)
export class AppointHeadHandler implements ICommandHandler<AppointHeadCommand, void> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, organisationId, personId, from, name, backdatingReason }: AppointHeadCommand): Promise<void> {
    const organisation = await this.registry.organisation(organisationId);
    assertMayAdminister(principal, organisation.divisionCode);
    orRefuse(organisation.appointHead(personId, from, { now: this.registry.now(), backdatingReason }, name));
    await this.registry.save(this.registry.repositories.organisations, organisation, principal);
  }
}
