import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayManageOwnerRecord } from '../../access/registry-access';
import { orRefuse, RegistryContext } from '../../registry.context';
import { RecordOperatorTrainingCommand } from './record-operator-training.command';

/** R16.2: the owner records the training it gave one of its operators (or an administrator over it does). */
@CommandHandler(RecordOperatorTrainingCommand)
export class RecordOperatorTrainingHandler implements ICommandHandler<RecordOperatorTrainingCommand, void> {
  constructor(private readonly registry: RegistryContext) {}

  async execute({ principal, operatorId, trainingId, training }: RecordOperatorTrainingCommand): Promise<void> {
    const operator = await this.registry.operator(operatorId);
    const owner = await this.registry.organisation(operator.organisationId);
    assertMayManageOwnerRecord(principal, { ownerOrganisationId: owner.key, divisionCode: owner.divisionCode }, 'an operator');
    orRefuse(operator.recordTraining(trainingId, training, this.registry.now()));
    await this.registry.save(this.registry.repositories.operators, operator, principal);
  }
}
