import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class OpenViewingSessionRequestDto {
  @ApiProperty({ description: 'The co-signed VIEW request (requests service) naming your systems' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  requestId!: string;

  @ApiProperty({
    example: 60,
    minimum: 1,
    maximum: 240,
    description: 'How long the session stays open (R18.4: at most 4 hours)',
  })
  @IsInt()
  @Min(1)
  @Max(240)
  durationMinutes!: number;
}
