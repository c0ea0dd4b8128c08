import { CAMERA_LOCATION_CATEGORIES, SITE_CATEGORIES } from '@custos/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDtoOf } from '@custos/platform';

/** A camera as a person chooses it: with its system's, owner's and site's names, never bare ids. */
export class CameraDirectoryEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CAMERA_LOCATION_CATEGORIES }) locationCategory!: string;
  @ApiPropertyOptional({ description: "The camera's address" }) location?: string;
  @ApiProperty() imageSystemId!: string;
  @ApiProperty() imageSystemName!: string;
  @ApiPropertyOptional({ description: "The system's site (its address)" }) siteLocation?: string;
  @ApiProperty({ enum: SITE_CATEGORIES, isArray: true }) siteCategories!: string[];
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty() ownerOrganisationName!: string;
  @ApiProperty() divisionCode!: string;
  @ApiProperty() removed!: boolean;
}

export class CameraDirectoryPageDto extends PageDtoOf(CameraDirectoryEntryDto) {}

export class NameEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['ORGANISATION', 'OFFICER', 'OPERATOR', 'HEAD'] }) kind!: 'ORGANISATION' | 'OFFICER' | 'OPERATOR' | 'HEAD';
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ description: "A person's organisation" }) organisationId?: string;
}

export class NamesDto {
  @ApiProperty({ type: [NameEntryDto], description: 'The ids known and visible to the caller; an unknown id is left out' })
  items!: NameEntryDto[];
}
