import { Principal } from '@custos/auth';
import { OperatorTraining } from '@custos/domain';

export class RecordOperatorTrainingCommand {
  constructor(
    readonly principal: Principal,
    readonly operatorId: string,
    readonly trainingId: string,
    readonly training: OperatorTraining,
  ) {}
}
