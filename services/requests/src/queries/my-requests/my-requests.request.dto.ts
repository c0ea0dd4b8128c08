import { REQUEST_KINDS } from '@custos/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const VISIBLE_STATUSES = [
  'AWAITING_CO_SIGNATURE',
  'AWAITING_APPROVAL',
  'REGISTERED',
  'APPROVED',
  'DENIED',
  'REVOKED',
  'WITHDRAWN',
  'EXPIRED',
] as const;

export class PageQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class MyRequestsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: VISIBLE_STATUSES })
  @IsOptional()
  @IsIn(VISIBLE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: REQUEST_KINDS })
  @IsOptional()
  @IsIn(REQUEST_KINDS)
  kind?: string;
}
