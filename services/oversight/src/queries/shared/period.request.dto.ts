import { domainErrorOf } from '@custos/domain';
import { refuse, IsOffsetDateTime } from '@custos/platform';
import { ApiProperty } from '@nestjs/swagger';

const MAX_PERIOD_MS = 366 * 24 * 3600 * 1000;

/** A half-open period [from, to) of a report (R19.1, R27.1). */
export class PeriodRequestDto {
  @ApiProperty({ format: 'date-time', description: 'Start (included), with its offset' }) @IsOffsetDateTime() from!: string;
  @ApiProperty({ format: 'date-time', description: 'End (excluded), at most 366 days later' }) @IsOffsetDateTime() to!: string;
}

export interface Period {
  readonly from: Date;
  readonly to: Date;
}

/** The refusals of a report over a period, for the API documents. */
export const PERIOD_REFUSALS = ['CUSTOS_INPUT_OVERSIGHT_PERIOD_INVALID'];

/** The period asked for: it starts before it ends and spans at most 366 days. */
export function periodOf(q: PeriodRequestDto): Period {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (!(from < to) || to.getTime() - from.getTime() > MAX_PERIOD_MS) {
    refuse(domainErrorOf('CUSTOS_INPUT_OVERSIGHT_PERIOD_INVALID', { from: q.from, to: q.to }));
  }
  return { from, to };
}
