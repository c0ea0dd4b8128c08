import { REQUEST_KINDS } from '@custos/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOffsetDateTime, PageRequestDto } from '@custos/platform';

/** The queue's filters, paged by cursor like every list (issue 15). */
export class ApprovalQueueQueryDto extends PageRequestDto {
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
}
