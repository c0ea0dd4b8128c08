import { SITE_CATEGORIES, SiteCategory } from '@custos/domain';
import { IsOffsetDateTime } from '@custos/platform';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DIVISION_PATTERN, ID_MESSAGE, ID_PATTERN, NAME_MAX, TEXT_MAX } from '../shared/request-rules';

export class RegisterMandatorySiteRequestDto {
  @IsOptional() @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id?: string;
  @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) name!: string;
  /** An R7.1 or R7.2 category (VOLUNTARY is refused: CUSTOS_R7_1_NOT_A_MANDATORY_CATEGORY). */
  @IsIn(SITE_CATEGORIES) category!: SiteCategory;
  @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) address!: string;
  /** Where the site stands (6, 9 or 12 digits), within the recording organ's jurisdiction. */
  @Matches(DIVISION_PATTERN) divisionCode!: string;
  /** When the duty began (the site opened or was listed); now when absent. */
  @IsOptional() @IsOffsetDateTime() dutySince?: string;
  /** Registered systems that already cover the site (each of its category, in use, where it stands). */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(ID_PATTERN, { each: true }) coveringSystemIds?: string[];
}
