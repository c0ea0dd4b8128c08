import { CAMERA_LOCATION_CATEGORIES, CameraLocationCategory } from '@custos/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, NAME_MAX, TEXT_MAX } from '../shared/request-rules';

export class RegisterCameraRequestDto {
  @IsOptional() @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id?: string;
  @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) name!: string;
  /** Where the camera points; the places of Article 8 are refused (R8.1). */
  @IsIn(CAMERA_LOCATION_CATEGORIES) locationCategory!: CameraLocationCategory;
  @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) location!: string;
}
