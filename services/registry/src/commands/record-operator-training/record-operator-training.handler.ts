import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommandHandler } from '../shared/registry-command-handler';
import { orRefuse } from '@custos/platform';
import { RecordOperatorTrainingCommand } from './record-operator-training.command';

/** The training recorded, as the caller is answered. */
export type TrainingRecorded = { readonly operatorId: string; readonly trainingId: string };

/** R16.2: the owner records the training it gave one of its operators (or an administrator over it does). */
@CommandHandler(RecordOperatorTrainingCommand)
export class RecordOperatorTrainingHandler extends RegistryCommandHandler implements ICommandHandler<RecordOperatorTrainingCommand, TrainingRecorded> {
  async execute({ principal, operatorId, trainingId, training }: RecordOperatorTrainingCommand): Promise<TrainingRecorded> {
    const operator = await this.aggregates.operator(operatorId);
    await this.ownerOfOperators(principal, operator.organisationId);
    orRefuse(operator.recordTraining(trainingId, training, this.now()));
    await this.aggregates.save(operator, principal);
    return { operatorId, trainingId };
  }
}
