import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_VIEWING_SESSION_MINUTES } from '@custos/domain';

export class OpenDirectAccessSessionRequestDto {
  @ApiProperty({ description: "The approved DIRECT_ACCESS request of your organ (R17.4)" })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  requestId!: string;

  @ApiProperty({ example: 60, minimum: 1, maximum: MAX_VIEWING_SESSION_MINUTES, description: 'How long the session lasts (R18.4: at most 4 hours, never beyond the grant)' })
  @IsInt()
  @Min(1)
  @Max(MAX_VIEWING_SESSION_MINUTES)
  durationMinutes!: number;
}
