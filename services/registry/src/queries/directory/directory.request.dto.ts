import { CAMERA_LOCATION_CATEGORIES, CameraLocationCategory, SITE_CATEGORIES, SiteCategory } from '@custos/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_PATTERN, NAME_MAX } from '../../commands/shared/request-rules';
import { PagingRequestDto } from '../shared/paging.request.dto';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toArray = ({ value }: { value: unknown }) => (value === undefined || Array.isArray(value) ? value : [value]);

export class SearchCamerasRequestDto extends PagingRequestDto {
  @ApiPropertyOptional({ type: [String], description: 'Only these cameras, repeated: ?id=a&id=b (at most 100), e.g. to name those of a request' })
  @IsOptional() @Transform(toArray) @IsArray() @ArrayMaxSize(100) @Matches(ID_PATTERN, { each: true }) id?: string[];

  @ApiPropertyOptional({ description: "Words found in the camera's, its system's or its owner's name, or in their addresses", maxLength: NAME_MAX })
  @IsOptional() @IsString() @MaxLength(NAME_MAX) q?: string;

  @ApiPropertyOptional({ description: 'The owning organisation' })
  @IsOptional() @Matches(ID_PATTERN) ownerOrganisationId?: string;

  @ApiPropertyOptional({ enum: SITE_CATEGORIES, description: "A site category of the camera's system (R7.1)" })
  @IsOptional() @IsIn(SITE_CATEGORIES) siteCategory?: SiteCategory;

  @ApiPropertyOptional({ enum: CAMERA_LOCATION_CATEGORIES })
  @IsOptional() @IsIn(CAMERA_LOCATION_CATEGORIES) locationCategory?: CameraLocationCategory;

  @ApiPropertyOptional({ description: 'Removed cameras (R15.1); by default only cameras in service', default: false })
  @IsOptional() @Transform(toBoolean) @IsBoolean() removed?: boolean;
}

export class NamesRequestDto {
  @ApiPropertyOptional({ type: [String], description: 'Organisation ids and person ids, repeated: ?id=a&id=b (at most 100)' })
  @Transform(toArray) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @Matches(ID_PATTERN, { each: true }) id!: string[];
}
