import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';
import { OrganisationType } from '../organisation/organisation-type';

/**
 * R16.2: the owner trains and manages its monitoring and management staff (its operators).
 * A training record says what was taught, the day it was completed, and the certificate if
 * one was given.
 *
 * Choices, where the article is silent (it names no course, no hours, no renewal): an
 * operator counts as trained once any training is recorded for them; days are calendar days
 * in China Standard Time (UTC+8), where the systems stand.
 */
export interface OperatorTraining {
  readonly course: string;
  /** YYYY-MM-DD. */
  readonly completedOn: string;
  readonly certificateNumber?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day of an instant in China Standard Time (YYYY-MM-DD). */
export function chinaDayOf(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Operators belong to an owner of image systems (R16.2), not to an enforcement organ. */
export function assertOperatorOrganisation(organisation: { readonly id: string; readonly type: OrganisationType }): Result<void> {
  if (organisation.type !== 'OWNER') {
    return err(domainErrorOf('CUSTOS_R16_2_NOT_AN_OWNER', { organisationId: organisation.id, type: organisation.type }));
  }
  return ok();
}

/** A training may be recorded when completed on a real calendar day, not after today (R16.2). */
export function assertTrainingRecordable(training: OperatorTraining, now: Date): Result<OperatorTraining> {
  const day = DAY.exec(training.completedOn);
  const date = day && new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  if (!date || date.toISOString().slice(0, 10) !== training.completedOn) {
    return err(domainErrorOf('CUSTOS_INPUT_TRAINING_DATE_INVALID', { completedOn: training.completedOn }));
  }
  const today = chinaDayOf(now);
  if (training.completedOn > today) {
    return err(domainErrorOf('CUSTOS_INPUT_TRAINING_IN_FUTURE', { completedOn: training.completedOn, today }));
  }
  return ok(training);
}

/** Whether an operator has been trained (R16.2): any training recorded (see the choices above). */
export function operatorTrained(trainings: readonly OperatorTraining[]): boolean {
  return trainings.length > 0;
}
