import { ORGANISATION_LEVELS, ORGANISATION_TYPES, OrganisationLevel, OrganisationType } from '@custos/domain';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DIVISION_PATTERN, ID_PATTERN } from '../../commands/shared/request-rules';
import { PagingRequestDto } from '../shared/paging.request.dto';

export class ListOrganisationsRequestDto extends PagingRequestDto {
  @IsOptional() @IsIn(ORGANISATION_TYPES) type?: OrganisationType;
  @IsOptional() @IsIn(ORGANISATION_LEVELS) level?: OrganisationLevel;
  /** Organisations whose division lies within this one. */
  @IsOptional() @Matches(DIVISION_PATTERN) within?: string;
  @IsOptional() @Matches(ID_PATTERN) parentId?: string;
}
