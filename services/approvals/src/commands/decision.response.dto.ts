import { ApiProperty } from '@nestjs/swagger';
import { SignedApprovalDocumentDto } from '../queries/approval-documents/approval-document.response.dto';
import { catalogueCodes, SIGNED_IN_REFUSALS } from '../shared/api-errors';

export class ApprovalGrantedDto {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ enum: ['APPROVED'] }) status!: 'APPROVED';
  @ApiProperty({ enum: ['R17.2', 'R17.3', 'R17.4'] }) rule!: string;
  @ApiProperty({ type: SignedApprovalDocumentDto }) signedDocument!: SignedApprovalDocumentDto;
}

export class ApprovalDeniedDto {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ enum: ['DENIED'] }) status!: 'DENIED';
}

export class DocumentRevokedDto {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: ['REVOKED'] }) status!: 'REVOKED';
}

/** The coded refusals of a head's decision on a case (R17.2–R17.4, R18.5, R27.1). */
export const DECISION_ERRORS = [
  'CUSTOS_VALIDATION_FAILED',
  ...catalogueCodes(['R18_5', 'R17_4'], 400),
  ...SIGNED_IN_REFUSALS,
  ...catalogueCodes(['R17_2', 'R17_3', 'R17_4', 'R27_1'], 403),
  'CUSTOS_NOT_FOUND',
  ...catalogueCodes(['R17_2', 'R17_3', 'R17_4', 'R18_5'], 409),
];
