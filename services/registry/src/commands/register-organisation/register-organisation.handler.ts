import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { parseDivisionCode } from '@custos/domain';
import { assertMayAdminister } from '../../access/registry-access';
import { OrganisationAggregate } from '../../domain/organisation.aggregate';
import { orRefuse } from '@custos/platform';
import { RegisterOrganisationCommand } from './register-organisation.command';

/** R5.1: an organisation within the administrator's jurisdiction, under an existing parent. */
@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler extends RegistryCommandHandler implements ICommandHandler<RegisterOrganisationCommand, { id: string }> {
  async execute({ principal, id, props }: RegisterOrganisationCommand): Promise<{ id: string }> {
    orRefuse(parseDivisionCode(props.divisionCode));
    assertMayAdminister(principal, props.divisionCode);
    const parent = props.parentId ? await this.aggregates.organisation(props.parentId) : undefined;
    await this.aggregates.assertNew('organisation', id);
    const organisation = orRefuse(OrganisationAggregate.register(id, props, parent));
    await this.aggregates.save(organisation, principal);
    return { id };
  }
}
