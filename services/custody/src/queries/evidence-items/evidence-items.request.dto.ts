import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class EvidenceItemsQueryDto {
  @ApiPropertyOptional({ description: 'Only the items exported for this request' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  requestId?: string;
}
