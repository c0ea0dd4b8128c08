import { INSPECTION_AREAS } from '@custos/contracts';
import { SX2012_RULE_IDS } from '@custos/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { DIVISION_PATTERN, ID_MESSAGE, ID_PATTERN, TEXT_MAX } from '../shared/request-rules';

export class InspectedSubjectDto {
  @IsOptional() @Matches(ID_PATTERN, { message: `imageSystemId ${ID_MESSAGE}` }) imageSystemId?: string;
  /** The system's owner; read from the registry's events when a known system is named. */
  @IsOptional() @Matches(ID_PATTERN, { message: `organisationId ${ID_MESSAGE}` }) organisationId?: string;
  /** Where it stands, when no registered system places it (a camera that never entered the registry). */
  @IsOptional() @Matches(DIVISION_PATTERN) divisionCode?: string;
}

export class InspectionFindingDto {
  /** The rule breached, e.g. R8.1 for a camera found in a forbidden place. */
  @IsIn(SX2012_RULE_IDS) rule!: string;
  @IsOptional() @Matches(ID_PATTERN, { message: `cameraId ${ID_MESSAGE}` }) cameraId?: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) description!: string;
}

export class RecordInspectionRequestDto {
  @ValidateNested() @Type(() => InspectedSubjectDto) subject!: InspectedSubjectDto;
  @IsArray() @ArrayMinSize(1) @IsIn(INSPECTION_AREAS, { each: true }) areas!: string[];
  @IsOffsetDateTime() inspectedAt!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) record!: string;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => InspectionFindingDto) findings!: InspectionFindingDto[];
}
