import { SITE_CATEGORIES, SiteCategory } from '@custos/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { DIVISION_PATTERN, ID_PATTERN } from '../../commands/shared/request-rules';
import { PagingRequestDto } from '../shared/paging.request.dto';
import { toBoolean } from '../systems/list-systems.request.dto';

export class ListMandatorySitesRequestDto extends PagingRequestDto {
  /** false: the sites without a system in use (R7.1, R7.2). */
  @IsOptional() @Transform(toBoolean) @IsBoolean() covered?: boolean;
  @IsOptional() @IsIn(SITE_CATEGORIES) category?: SiteCategory;
  @IsOptional() @Matches(DIVISION_PATTERN) within?: string;
  @IsOptional() @Matches(ID_PATTERN) responsibleOrganisationId?: string;
}

export class ListFacilityChangesRequestDto extends PagingRequestDto {
  /** The county PSB the reports are addressed to: its queue (R15.1). */
  @IsOptional() @Matches(ID_PATTERN) addressedTo?: string;
  @IsOptional() @Transform(toBoolean) @IsBoolean() acknowledged?: boolean;
  /** true: reported after the 30 days (an Article 7 system only). */
  @IsOptional() @Transform(toBoolean) @IsBoolean() late?: boolean;
}
