import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { ID_MESSAGE, ID_PATTERN } from '../shared/request-rules';

export class ReportFacilityChangeRequestDto {
  @IsIn(['CHANGED', 'REMOVED']) kind!: 'CHANGED' | 'REMOVED';
  /** The camera changed or removed; absent when the report is about the whole system. */
  @IsOptional() @Matches(ID_PATTERN, { message: `cameraId ${ID_MESSAGE}` }) cameraId?: string;
  @IsString() @IsNotEmpty() @MaxLength(1000) description!: string;
  /** When the change happened; the report's own instant is the registry's clock (R15.1). */
  @IsOffsetDateTime() changedAt!: string;
}
