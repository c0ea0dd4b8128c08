import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { ID_MESSAGE, ID_PATTERN } from '../shared/request-rules';

export class AppointHeadRequestDto {
  @Matches(ID_PATTERN, { message: `personId ${ID_MESSAGE}` }) personId!: string;
  /** First instant of the term (ISO-8601). */
  @IsOffsetDateTime() from!: string;
  /** The head's name, as the documents they sign and the console show it. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  /** Why a term that began in the past is recorded only now: required when `from` lies in the past (issue 16). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) backdatingReason?: string;
}
