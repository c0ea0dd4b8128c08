import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class ApproveRequestDto {
  @ApiPropertyOptional({ description: 'end of validity (exclusive); default the service setting, for direct access the grant end' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  validUntil?: string;
}
