import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { assertOperatorOrganisation } from '@custos/domain';
import { OperatorAggregate } from '../../domain/operator.aggregate';
import { orRefuse } from '@custos/platform';
import { RegisterOperatorCommand } from './register-operator.command';

/** A member of an owner's monitoring and management staff, registered by the owner or an administrator over it (R16.2). */
@CommandHandler(RegisterOperatorCommand)
export class RegisterOperatorHandler extends RegistryCommandHandler implements ICommandHandler<RegisterOperatorCommand, { id: string }> {
  async execute({ principal, id, personId, organisationId, name }: RegisterOperatorCommand): Promise<{ id: string }> {
    const owner = await this.ownerOfOperators(principal, organisationId);
    orRefuse(assertOperatorOrganisation({ id: owner.key, type: owner.type }));
    await this.aggregates.assertNew('operator', id);
    const operator = OperatorAggregate.register(id, { personId, organisationId, name });
    await this.aggregates.save(operator, principal);
    return { id };
  }
}
