import { domainErrorOf } from '@custos/domain';
import { PageRequestDto, refuse } from '@custos/platform';
import { OffsetDateTimeField } from '../shared/offset-date-time.field';

/** A time window [from, to) of a segment query, paged as every list (cursor, limit). */
export class TimeWindowRequestDto extends PageRequestDto {
  @OffsetDateTimeField('2026-02-15T10:00:00Z')
  from!: string;

  @OffsetDateTimeField('2026-02-15T12:00:00Z')
  to!: string;
}

/** The window as dates; an empty one is refused. */
export function windowOf(query: TimeWindowRequestDto): { from: Date; to: Date } {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (from.getTime() >= to.getTime())
    refuse(domainErrorOf('CUSTOS_INPUT_WINDOW_EMPTY', { from: query.from, to: query.to }));
  return { from, to };
}
