import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TimeWindowRequestDto } from './time-window.request.dto';

const CAMERA_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** `?cameraIds=a&cameraIds=b&from=…&to=…[&organisationId=…]`: a repeated parameter is a list, a single one too. */
export class FindSegmentsForServiceRequestDto extends TimeWindowRequestDto {
  @ApiProperty({ type: [String], example: ['cam-1', 'cam-2'] })
  @Transform(({ value }) => (Array.isArray(value) ? value : [value]))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(CAMERA_ID, {
    each: true,
    message: 'each cameraId must be 1–128 letters, digits, dots, underscores or hyphens',
  })
  cameraIds!: string[];

  @ApiPropertyOptional({ description: "Only this owner's cameras (camera ids are unique per owner)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisationId?: string;
}
