import { QUALIFICATION_STATUSES, QualificationStatus } from '@custos/domain';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { TEXT_MAX } from '../shared/request-rules';

export class ChangeQualificationStatusRequestDto {
  @IsIn(QUALIFICATION_STATUSES) status!: QualificationStatus;
  @IsOffsetDateTime() since!: string;
  @IsOptional() @IsString() @MaxLength(TEXT_MAX) reason?: string;
}
