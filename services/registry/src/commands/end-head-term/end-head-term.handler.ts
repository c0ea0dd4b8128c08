import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayAdminister } from '../../access/registry-access';
import { orRefuse, RegistryContext } from '../../registry.context';
import { EndHeadTermCommand } from './end-head-term.command';

/** A head term ends; the authority to approve ends with it (R17.2–R17.4). */
@CommandHandler(EndHeadTermCommand)
export class EndHeadTermHandler implements ICommandHandler<EndHeadTermCommand, void> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, organisationId, personId, to }: EndHeadTermCommand): Promise<void> {
    const organisation = await this.registry.organisation(organisationId);
    assertMayAdminister(principal, organisation.divisionCode);
    orRefuse(organisation.endHeadTerm(personId, to));
    await this.registry.save(this.registry.repositories.organisations, organisation, principal);
  }
}
