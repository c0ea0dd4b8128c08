import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ownerOfOperators } from '../shared/administered';
import { REGISTRY_CLOCK, RegistryAggregates } from '../shared/registry-aggregates';
import { orRefuse } from '@custos/platform';
import { Inject } from '@nestjs/common';
import { RecordOperatorTrainingCommand } from './record-operator-training.command';

/** The training recorded, as the caller is answered. */
export interface TrainingRecorded {
  readonly operatorId: string;
  readonly trainingId: string;
}

/** R16.2: the owner records the training it gave one of its operators (or an administrator over it does). */
@CommandHandler(RecordOperatorTrainingCommand)
export class RecordOperatorTrainingHandler implements ICommandHandler<RecordOperatorTrainingCommand, TrainingRecorded> {
  constructor(
    private readonly aggregates: RegistryAggregates,
    @Inject(REGISTRY_CLOCK) private readonly now: () => Date,
  ) {}

  async execute({ principal, operatorId, trainingId, training }: RecordOperatorTrainingCommand): Promise<TrainingRecorded> {
    const operator = await this.aggregates.operator(operatorId);
    await ownerOfOperators(this.aggregates, principal, operator.organisationId);
    orRefuse(operator.recordTraining(trainingId, training, this.now()));
    await this.aggregates.save(operator, principal);
    return { operatorId, trainingId };
  }
}
