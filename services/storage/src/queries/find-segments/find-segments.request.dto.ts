import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsOffsetDateTime, PageRequestDto } from '@custos/platform';

export class FindSegmentsRequestDto extends PageRequestDto {
  @ApiProperty({ example: 'cam-1' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, {
    message: 'cameraId must be 1–128 letters, digits, dots, underscores or hyphens',
  })
  cameraId!: string;

  @ApiProperty({ example: '2026-02-15T10:00:00Z' })
  @IsOffsetDateTime()
  from!: string;

  @ApiProperty({ example: '2026-02-15T12:00:00Z' })
  @IsOffsetDateTime()
  to!: string;
}
