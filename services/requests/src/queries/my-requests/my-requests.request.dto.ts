import { REQUEST_KINDS } from '@custos/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageRequestDto } from '@custos/platform';

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

export class MyRequestsQueryDto extends PageRequestDto {
  @ApiPropertyOptional({ enum: VISIBLE_STATUSES })
  @IsOptional()
  @IsIn(VISIBLE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: REQUEST_KINDS })
  @IsOptional()
  @IsIn(REQUEST_KINDS)
  kind?: string;
}
