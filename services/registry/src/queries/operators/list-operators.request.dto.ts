import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { ID_PATTERN } from '../../commands/shared/request-rules';
import { PagingRequestDto } from '../shared/paging.request.dto';

export class ListOperatorsRequestDto extends PagingRequestDto {
  @IsOptional() @Matches(ID_PATTERN) organisationId?: string;
  /** The operator records of one person: which organisations the registry holds them for (issue 16). */
  @IsOptional() @Matches(ID_PATTERN) personId?: string;
  /** `true`: only operators with no training recorded (R16.2); `false`: only trained ones. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  untrained?: boolean;
}
