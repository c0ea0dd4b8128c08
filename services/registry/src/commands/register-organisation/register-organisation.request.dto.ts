import { ORGANISATION_LEVELS, ORGANISATION_TYPES, OrganisationLevel, OrganisationType } from '@custos/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DIVISION_PATTERN, ID_MESSAGE, ID_PATTERN, NAME_MAX } from '../shared/request-rules';

export class RegisterOrganisationRequestDto {
  /** Optional stable id (seeding, migration from another register); a UUID otherwise. */
  @IsOptional() @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id?: string;
  @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) name!: string;
  @IsIn(ORGANISATION_TYPES) type!: OrganisationType;
  @IsIn(ORGANISATION_LEVELS) level!: OrganisationLevel;
  @Matches(DIVISION_PATTERN, { message: 'divisionCode must be 6, 9 or 12 digits' }) divisionCode!: string;
  @IsOptional() @Matches(ID_PATTERN, { message: `parentId ${ID_MESSAGE}` }) parentId?: string;
}
