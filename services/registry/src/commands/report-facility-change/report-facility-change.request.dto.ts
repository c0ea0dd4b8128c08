import { CAMERA_LOCATION_CATEGORIES, CameraLocationCategory } from '@custos/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { ID_MESSAGE, ID_PATTERN, TEXT_MAX } from '../shared/request-rules';

export class ReportFacilityChangeRequestDto {
  @IsIn(['CHANGED', 'REMOVED']) kind!: 'CHANGED' | 'REMOVED';
  /** The camera changed or removed; absent when the report is about the whole system. */
  @IsOptional() @Matches(ID_PATTERN, { message: `cameraId ${ID_MESSAGE}` }) cameraId?: string;
  @IsString() @IsNotEmpty() @MaxLength(1000) description!: string;
  /**
   * When the change happened, or will happen (a planned change may be reported ahead); the
   * report's own instant is the registry's clock (R15.1).
   */
  @IsOffsetDateTime() changedAt!: string;
  /** The camera's new place: checked against Article 8 again (R8.1). */
  @IsOptional() @IsIn(CAMERA_LOCATION_CATEGORIES) newLocationCategory?: CameraLocationCategory;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) newLocation?: string;
  /** The camera's new function (R16.3: changed only through a reported change). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) newFunction?: string;
}
