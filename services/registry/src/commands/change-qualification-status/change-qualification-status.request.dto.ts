import { QUALIFICATION_STATUSES, QualificationStatus } from '@custos/domain';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../shared/request-rules';

export class ChangeQualificationStatusRequestDto {
  @IsIn(QUALIFICATION_STATUSES) status!: QualificationStatus;
  @IsISO8601({ strict: true }) since!: string;
  @IsOptional() @IsString() @MaxLength(TEXT_MAX) reason?: string;
}
