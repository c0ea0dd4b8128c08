import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { parseDivisionCode } from '@custos/domain';
import { assertMayManageSystem } from '../../access/registry-access';
import { ImageSystemAggregate } from '../../domain/image-system.aggregate';
import { orRefuse, RegistryContext } from '../../registry.context';
import { RegisterImageSystemCommand } from './register-image-system.command';

/** R2.1, R7.1/R7.2, R11.1: an image system of an existing owner; a missing sign is a finding. */
@CommandHandler(RegisterImageSystemCommand)
export class RegisterImageSystemHandler implements ICommandHandler<RegisterImageSystemCommand, { id: string }> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, id, props }: RegisterImageSystemCommand): Promise<{ id: string }> {
    orRefuse(parseDivisionCode(props.divisionCode));
    assertMayManageSystem(principal, props);
    await this.registry.organisation(props.ownerOrganisationId);
    await this.registry.assertNew('system', id);
    const system = orRefuse(ImageSystemAggregate.register(id, props, this.registry.now()));
    await this.registry.save(this.registry.repositories.systems, system, principal);
    return { id };
  }
}
