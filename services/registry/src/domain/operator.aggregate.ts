import {
  OperatorRegistered,
  OperatorTrainingRecorded,
  REGISTRY_OPERATOR_REGISTERED,
  REGISTRY_OPERATOR_TRAINING_RECORDED,
} from '@custos/contracts';
import { assertTrainingRecordable, OperatorTraining, Result } from '@custos/domain';
import { PersonAggregate } from './person.aggregate';
import { streamOf } from './stream-ids';

/** A member of an owner's monitoring and management staff and the trainings the owner gave them (R16.2). */
export class OperatorAggregate extends PersonAggregate {
  readonly trainings: (OperatorTraining & { readonly trainingId: string })[] = [];

  static register(id: string, props: OperatorRegistered): OperatorAggregate {
    const operator = new OperatorAggregate(streamOf.operator(id));
    operator.record(REGISTRY_OPERATOR_REGISTERED, { ...props });
    return operator;
  }

  /** A training completed on a past or present day (R16.2). */
  recordTraining(trainingId: string, training: OperatorTraining, now: Date): Result<OperatorTraining> {
    const recordable = assertTrainingRecordable(training, now);
    if (!recordable.ok) return recordable;
    const payload: OperatorTrainingRecorded = {
      trainingId,
      course: training.course,
      completedOn: training.completedOn,
      ...(training.certificateNumber ? { certificateNumber: training.certificateNumber } : {}),
    };
    this.record(REGISTRY_OPERATOR_TRAINING_RECORDED, payload);
    return recordable;
  }

  onOperatorRegistered(e: { payload: OperatorRegistered }): void {
    this.registered(e.payload);
  }

  onOperatorTrainingRecorded(e: { payload: OperatorTrainingRecorded }): void {
    this.trainings.push({ ...e.payload });
  }
}
