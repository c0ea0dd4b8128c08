import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseDivisionCode } from '@custos/domain';
import { assertMayAdminister } from '../../access/registry-access';
import { OrganisationAggregate } from '../../domain/organisation.aggregate';
import { orRefuse, RegistryContext } from '../../registry.context';
import { RegisterOrganisationCommand } from './register-organisation.command';

/** R5.1: an organisation within the administrator's jurisdiction, under an existing parent. */
@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisationCommand, { id: string }> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, id, props }: RegisterOrganisationCommand): Promise<{ id: string }> {
    orRefuse(parseDivisionCode(props.divisionCode));
    assertMayAdminister(principal, props.divisionCode);
    const parent = props.parentId ? await this.registry.organisation(props.parentId) : undefined;
    await this.registry.assertNew('organisation', id);
    const organisation = orRefuse(OrganisationAggregate.register(id, props, parent));
    await this.registry.save(this.registry.repositories.organisations, organisation, principal);
    return { id };
  }
}
