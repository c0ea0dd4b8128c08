import { Matches } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { ID_MESSAGE, ID_PATTERN } from '../shared/request-rules';

export class IssueQualificationRequestDto {
  @Matches(ID_PATTERN, { message: `credentialNumber ${ID_MESSAGE}` }) credentialNumber!: string;
  @IsOffsetDateTime() issuedAt!: string;
  /** First instant at which the credential is no longer valid. */
  @IsOffsetDateTime() expiresAt!: string;
}
