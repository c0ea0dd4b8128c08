import { CAMERA_LOCATION_CATEGORIES, CameraLocationCategory, SITE_CATEGORIES, SiteCategory } from '@custos/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { DIVISION_PATTERN, ID_PATTERN } from '../../commands/shared/request-rules';
import { PagingRequestDto } from '../shared/paging.request.dto';

/** `true`/`false` in a query string as booleans. */
export const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListSystemsRequestDto extends PagingRequestDto {
  @IsOptional() @Matches(ID_PATTERN) ownerOrganisationId?: string;
  @IsOptional() @IsIn(SITE_CATEGORIES) siteCategory?: SiteCategory;
  @IsOptional() @Matches(DIVISION_PATTERN) within?: string;
  @IsOptional() @Transform(toBoolean) @IsBoolean() removed?: boolean;
}

export class ListCamerasRequestDto extends PagingRequestDto {
  @IsOptional() @Matches(ID_PATTERN) imageSystemId?: string;
  @IsOptional() @Matches(ID_PATTERN) ownerOrganisationId?: string;
  @IsOptional() @IsIn(CAMERA_LOCATION_CATEGORIES) locationCategory?: CameraLocationCategory;
  @IsOptional() @Matches(DIVISION_PATTERN) within?: string;
  @IsOptional() @Transform(toBoolean) @IsBoolean() removed?: boolean;
}
