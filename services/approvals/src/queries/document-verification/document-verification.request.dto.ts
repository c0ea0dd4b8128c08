import { APPROVAL_QR_PATTERNS } from '@custos/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The query the QR code of a printed approval document carries (R18.5). */
export class DocumentVerificationQueryDto {
  @ApiProperty({ description: "the document's own id", format: 'uuid' })
  @Matches(APPROVAL_QR_PATTERNS.documentId)
  d!: string;

  @ApiProperty({ description: 'the document number', example: '610113-001-2026-000042' })
  @Matches(APPROVAL_QR_PATTERNS.number)
  n!: string;

  @ApiProperty({ description: 'the Ed25519 signature, base64url (86 characters)' })
  @Matches(APPROVAL_QR_PATTERNS.signature)
  s!: string;
}
