import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../shared/request-rules';

export class SetRetentionRequestDto {
  /** Days the system keeps its footage (R16.7); fewer than 30 is refused with CUSTOS_R16_7_RETENTION_TOO_SHORT. */
  @IsInt() @Max(3650) retentionDays!: number;
  /** The owner's policy or the law that makes it longer than 30 days. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) retentionBasis?: string;
}
