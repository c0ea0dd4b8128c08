import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { ID_MESSAGE, ID_PATTERN } from '../shared/request-rules';

export class IssueQualificationRequestDto {
  @Matches(ID_PATTERN, { message: `credentialNumber ${ID_MESSAGE}` }) credentialNumber!: string;
  @IsOffsetDateTime() issuedAt!: string;
  /** First instant at which the credential is no longer valid. */
  @IsOffsetDateTime() expiresAt!: string;
  /** Why a credential issued in the past is recorded only now: required when `issuedAt` lies in the past (issue 16). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) backdatingReason?: string;
}
