import { FINDING_ORIGINS } from '@custos/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListFindingsRequestDto {
  @IsOptional() @Matches(/^R\d+\.\d+$/) rule?: string;
  @IsOptional() @IsIn(FINDING_ORIGINS) origin?: string;
  @IsOptional() @IsString() @MaxLength(200) imageSystemId?: string;
  @IsOptional() @IsString() @MaxLength(200) organisationId?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  /** `nextCursor` of the page before. */
  @IsOptional() @IsString() @MaxLength(100) cursor?: string;
}
