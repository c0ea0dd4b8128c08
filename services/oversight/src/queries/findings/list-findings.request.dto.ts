import { FINDING_ORIGINS } from '@custos/contracts';
import { PageRequestDto } from '@custos/platform';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ListFindingsRequestDto extends PageRequestDto {
  @IsOptional() @Matches(/^R\d+\.\d+$/) rule?: string;
  @IsOptional() @IsIn(FINDING_ORIGINS) origin?: string;
  @IsOptional() @IsString() @MaxLength(200) imageSystemId?: string;
  @IsOptional() @IsString() @MaxLength(200) organisationId?: string;
}
