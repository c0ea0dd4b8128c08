import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { TimeWindowRequestDto } from './time-window.request.dto';

export class FindSegmentsRequestDto extends TimeWindowRequestDto {
  @ApiProperty({ example: 'cam-1' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, {
    message: 'cameraId must be 1–128 letters, digits, dots, underscores or hyphens',
  })
  cameraId!: string;
}
