import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertOperatorOrganisation } from '@custos/domain';
import { assertMayManageOwnerRecord } from '../../access/registry-access';
import { OperatorAggregate } from '../../domain/operator.aggregate';
import { orRefuse, RegistryContext } from '../../registry.context';
import { RegisterOperatorCommand } from './register-operator.command';

/** A member of an owner's monitoring and management staff, registered by the owner or an administrator over it (R16.2). */
@CommandHandler(RegisterOperatorCommand)
export class RegisterOperatorHandler implements ICommandHandler<RegisterOperatorCommand, { id: string }> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, id, personId, organisationId, name }: RegisterOperatorCommand): Promise<{ id: string }> {
    const owner = await this.registry.organisation(organisationId);
    assertMayManageOwnerRecord(principal, { ownerOrganisationId: owner.key, divisionCode: owner.divisionCode }, 'an operator');
    orRefuse(assertOperatorOrganisation({ id: owner.key, type: owner.type }));
    await this.registry.assertNew('operator', id);
    const operator = OperatorAggregate.register(id, { personId, organisationId, name });
    await this.registry.save(this.registry.repositories.operators, operator, principal);
    return { id };
  }
}
