import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REGISTER_PAGE_DEFAULT, REGISTER_PAGE_MAX } from '../custody-views.port';

export class AccessRegisterQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: the whole register in your scope, streamed; paging does not apply' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ minimum: 1, maximum: REGISTER_PAGE_MAX, default: REGISTER_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(REGISTER_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
