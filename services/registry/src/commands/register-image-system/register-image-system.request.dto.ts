import { SITE_CATEGORIES, SiteCategory } from '@custos/domain';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength } from 'class-validator';
import { DIVISION_PATTERN, ID_MESSAGE, ID_PATTERN, NAME_MAX, TEXT_MAX } from '../shared/request-rules';

export class RegisterImageSystemRequestDto {
  @IsOptional() @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id?: string;
  @Matches(ID_PATTERN, { message: `ownerOrganisationId ${ID_MESSAGE}` }) ownerOrganisationId!: string;
  @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) name!: string;
  /** The R7.1/R7.2 categories of the site (VOLUNTARY where none applies). */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(SITE_CATEGORIES.length) @ArrayUnique() @IsIn(SITE_CATEGORIES, { each: true })
  siteCategories!: SiteCategory[];
  /** Where the system is: its division code decides which PSB supervises it. */
  @Matches(DIVISION_PATTERN, { message: 'divisionCode must be 6, 9 or 12 digits' }) divisionCode!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) location!: string;
  /** R11.1: a system watching a public place must show a sign. */
  @IsBoolean() inPublicPlace!: boolean;
  @IsBoolean() signageShown!: boolean;
  /**
   * Days the system keeps its footage (R16.7): 30 when absent; fewer is refused with
   * CUSTOS_R16_7_RETENTION_TOO_SHORT, longer where the owner or another law says so.
   */
  @IsOptional() @IsInt() @Max(3650) retentionDays?: number;
  /** The owner's policy or the law that makes it longer than 30 days. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) retentionBasis?: string;
}
