import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RulePackRefDto, WindowDto } from '../approval-queue/approval-case.response.dto';

const nullableString = { type: String, nullable: true } as const;

export class PersonRefDto {
  @ApiProperty() personId!: string;
}

export class SignerRefDto {
  @ApiProperty() personId!: string;
  @ApiProperty() organisationId!: string;
}

export class DocumentScopeDto {
  @ApiProperty({ type: [String] }) imageSystemIds!: readonly string[];
  @ApiProperty({ type: [String] }) cameraIds!: readonly string[];
  @ApiProperty({ type: WindowDto }) window!: WindowDto;
}

/** The approval document as signed (R18.5); see libs/domain's ApprovalDocument. */
export class ApprovalDocumentDto {
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ example: '610113-001-2026-000042' }) number!: string;
  @ApiProperty() issuingOrganisationId!: string;
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty() requestingOrganisationId!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: PersonRefDto }) filedBy!: PersonRefDto;
  @ApiProperty({ type: PersonRefDto }) coSignedBy!: PersonRefDto;
  @ApiProperty({ enum: ['COPY', 'RETRIEVE', 'DIRECT_ACCESS'] }) kind!: string;
  @ApiProperty({ type: DocumentScopeDto }) scope!: DocumentScopeDto;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validUntil!: string;
  @ApiProperty({ type: SignerRefDto }) signer!: SignerRefDto;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiPropertyOptional({ type: RulePackRefDto, description: 'the rule pack it was decided under (signed); absent on documents issued before' })
  rulePack?: RulePackRefDto;
}

export class SignedApprovalDocumentDto {
  @ApiProperty({ type: ApprovalDocumentDto }) document!: ApprovalDocumentDto;
  @ApiProperty({ description: 'base64 Ed25519 signature over the RFC 8785 bytes of document' }) signature!: string;
  @ApiProperty({ description: "hex SHA-256 of the signing key's SPKI" }) keyId!: string;
}

export class NamedRefDto {
  @ApiProperty() id!: string;
  @ApiProperty({ ...nullableString, description: 'as the registry names it; null when it cannot now' }) name!: string | null;
}

export class NamedOfficerDto {
  @ApiProperty() personId!: string;
  @ApiProperty(nullableString) name!: string | null;
  @ApiProperty({ ...nullableString, description: 'the credential shown when signing (R18.2)' }) credentialNumber!: string | null;
}

export class NamedPersonDto {
  @ApiProperty() personId!: string;
  @ApiProperty(nullableString) name!: string | null;
}

/** The document with the names a printed page shows, its standing now, and its QR payload (R18.5). */
export class PrintableApprovalDocumentDto {
  @ApiProperty({ type: SignedApprovalDocumentDto }) signedDocument!: SignedApprovalDocumentDto;
  @ApiProperty({ type: NamedRefDto }) issuingOrganisation!: NamedRefDto;
  @ApiProperty({ type: NamedRefDto }) requestingOrganisation!: NamedRefDto;
  @ApiProperty({ type: NamedOfficerDto }) filedBy!: NamedOfficerDto;
  @ApiProperty({ type: NamedOfficerDto }) coSignedBy!: NamedOfficerDto;
  @ApiProperty({ type: NamedPersonDto }) signer!: NamedPersonDto;
  @ApiProperty({ type: [NamedRefDto] }) cameras!: NamedRefDto[];
  @ApiProperty({ enum: ['VALID', 'REVOKED', 'EXPIRED', 'NOT_YET_VALID'] }) status!: 'VALID' | 'REVOKED' | 'EXPIRED' | 'NOT_YET_VALID';
  @ApiProperty({ ...nullableString, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty(nullableString) revocationReason!: string | null;
  @ApiProperty({ description: 'the query of the verification page the QR code opens: d=<id>&n=<number>&s=<signature, base64url>' })
  qrQuery!: string;
}

export const VERIFICATION_STATUSES = ['VALID', 'REVOKED', 'EXPIRED', 'NOT_YET_VALID', 'TAMPERED'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export class VerifiedDocumentDto {
  @ApiProperty() number!: string;
  @ApiProperty({ enum: ['COPY', 'RETRIEVE', 'DIRECT_ACCESS'] }) kind!: string;
  @ApiProperty({ type: NamedRefDto }) issuingOrganisation!: NamedRefDto;
  @ApiProperty({ type: NamedRefDto }) requestingOrganisation!: NamedRefDto;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validUntil!: string;
}

/**
 * What the public verification tells whoever holds the paper (R18.5): genuine or not, revoked or
 * not, and for a genuine one what its face already shows (number, organs, validity); never the
 * officers, cameras, case or purpose.
 */
export class DocumentVerificationDto {
  @ApiProperty({ enum: VERIFICATION_STATUSES }) status!: VerificationStatus;
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty({
    ...nullableString,
    enum: ['UNKNOWN_DOCUMENT', 'NUMBER_MISMATCH', 'SIGNATURE_MISMATCH', 'NO_KEY'],
    description: 'why TAMPERED: no such document, another number, or a signature that does not verify over the document held',
  })
  problem!: string | null;
  @ApiProperty({ type: VerifiedDocumentDto, nullable: true, description: 'null when TAMPERED' }) document!: VerifiedDocumentDto | null;
  @ApiProperty({ ...nullableString, format: 'date-time' }) revokedAt!: string | null;
}
