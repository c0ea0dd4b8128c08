import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_VIEWING_SESSION_MINUTES } from '@custos/domain';

export class OpenViewingSessionRequestDto {
  @ApiProperty({ description: 'The co-signed VIEW request (requests service) naming your systems' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  requestId!: string;

  @ApiProperty({
    example: 60,
    minimum: 1,
    maximum: MAX_VIEWING_SESSION_MINUTES,
    description: 'How long the session stays open (R18.4: at most 4 hours)',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_VIEWING_SESSION_MINUTES)
  durationMinutes!: number;
}
