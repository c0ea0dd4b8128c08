import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';

export class ApproveRequestDto {
  @ApiPropertyOptional({ description: 'end of validity (exclusive); default the service setting, for direct access the grant end' })
  @IsOptional()
  @IsOffsetDateTime()
  validUntil?: string;
}
