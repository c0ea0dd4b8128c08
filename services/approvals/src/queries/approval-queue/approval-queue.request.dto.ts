import { REQUEST_KINDS } from '@custos/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';

export class ApprovalQueueQueryDto {
  @ApiPropertyOptional({ enum: REQUEST_KINDS.filter((k) => k !== 'VIEW') })
  @IsOptional()
  @IsIn(['COPY', 'RETRIEVE', 'DIRECT_ACCESS'])
  kind?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  requestingOrganisationId?: string;

  @ApiPropertyOptional({ description: 'cases opened at or after' })
  @IsOptional()
  @IsOffsetDateTime()
  openedFrom?: string;

  @ApiPropertyOptional({ description: 'cases opened before' })
  @IsOptional()
  @IsOffsetDateTime()
  openedBefore?: string;

  @ApiPropertyOptional({ enum: ['OPEN', 'APPROVED', 'DENIED'], default: 'OPEN', description: 'OPEN: the queue, oldest first; APPROVED or DENIED: what the approver\'s organ decided, newest first' })
  @IsOptional()
  @IsIn(['OPEN', 'APPROVED', 'DENIED'])
  status?: 'OPEN' | 'APPROVED' | 'DENIED';

  @ApiPropertyOptional({ description: 'the nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0, description: 'rows to skip (prefer cursor)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
