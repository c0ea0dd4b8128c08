import { Matches } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { ID_MESSAGE, ID_PATTERN } from '../shared/request-rules';

export class AppointHeadRequestDto {
  @Matches(ID_PATTERN, { message: `personId ${ID_MESSAGE}` }) personId!: string;
  /** First instant of the term (ISO-8601). */
  @IsOffsetDateTime() from!: string;
}
