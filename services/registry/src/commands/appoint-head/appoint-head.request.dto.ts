import { IsISO8601, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../shared/request-rules';

export class AppointHeadRequestDto {
  @Matches(ID_PATTERN, { message: `personId ${ID_MESSAGE}` }) personId!: string;
  /** First instant of the term (ISO-8601). */
  @IsISO8601({ strict: true }) from!: string;
}
