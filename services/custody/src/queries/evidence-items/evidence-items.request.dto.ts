import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageRequestDto } from '@custos/platform';

/** A page (`cursor`, `limit`) of the items the caller sees, optionally of one request. */
export class EvidenceItemsQueryDto extends PageRequestDto {
  @ApiPropertyOptional({ description: 'Only the items exported for this request' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  requestId?: string;
}
