import { IsISO8601, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../shared/request-rules';

export class IssueQualificationRequestDto {
  @Matches(ID_PATTERN, { message: `credentialNumber ${ID_MESSAGE}` }) credentialNumber!: string;
  @IsISO8601({ strict: true }) issuedAt!: string;
  /** First instant at which the credential is no longer valid. */
  @IsISO8601({ strict: true }) expiresAt!: string;
}
