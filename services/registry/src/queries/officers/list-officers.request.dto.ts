import { IsOptional, Matches } from 'class-validator';
import { ID_PATTERN } from '../../commands/shared/request-rules';
import { PagingRequestDto } from '../shared/paging.request.dto';

export class ListOfficersRequestDto extends PagingRequestDto {
  @IsOptional() @Matches(ID_PATTERN) organisationId?: string;
  @IsOptional() @Matches(ID_PATTERN) personId?: string;
}
