import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * What custody's commands on an evidence item answer, as the OpenAPI documents describe it, so
 * that the console's client is generated, never written by hand.
 */

export class OfficerCredentialDto {
  @ApiProperty() personId!: string;
  @ApiProperty({ description: 'The credential the officer showed (R18.1, R18.2)' }) credentialNumber!: string;
}

export class HandOverStartedDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() handOverId!: string;
  @ApiProperty({ enum: ['AWAITING_SECOND_OFFICER'] }) status!: string;
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty({ format: 'date-time', description: 'A second officer of the organ confirms by then (R18.1)' }) confirmBy!: string;
}

export class HandOverConfirmedDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() handOverId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() holderOrganisationId!: string;
  @ApiProperty({ type: [OfficerCredentialDto] }) officers!: OfficerCredentialDto[];
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiPropertyOptional() approvalDocumentId?: string;
  @ApiProperty({ format: 'date-time' }) handedOverAt!: string;
}

export class StoredCopyCheckDto {
  @ApiProperty({ description: 'SHA-256 of the stored package, re-hashed now' }) sha256!: string;
  @ApiProperty({ description: 'SHA-256 recorded when it was exported' }) expectedSha256!: string;
  @ApiProperty() match!: boolean;
}

export class AttestationCheckDto {
  @ApiProperty() challengeId!: string;
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] }) result!: string;
}

/** A receipt's or verification's answer: each copy checked, and the alarm when one failed (R18.5). */
export class IntegrityResultDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] }) integrity!: string;
  @ApiProperty() alarm!: boolean;
  @ApiPropertyOptional({ enum: ['STORED', 'RECEIVED'], description: 'The copy that failed' }) failedCopy?: string;
  @ApiProperty({ type: StoredCopyCheckDto }) stored!: StoredCopyCheckDto;
  @ApiProperty({ type: AttestationCheckDto, nullable: true }) attestation!: AttestationCheckDto | null;
  @ApiProperty() status!: string;
  @ApiPropertyOptional() holderOrganisationId?: string;
}

export class DeliveryLinkDto {
  @ApiProperty() linkId!: string;
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty({ description: "Relative to custody's base: one download, bound to the item, the document and both officers (R18.5)" }) url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty({ type: [OfficerCredentialDto] }) officers!: OfficerCredentialDto[];
}

export class IntegrityChallengeDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() challengeId!: string;
  @ApiProperty({ description: 'The token to send back with the response' }) challenge!: string;
  @ApiProperty({ description: '64 hex characters; response = hex SHA-256 of these ASCII characters followed by the bytes of your copy' }) nonce!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'How to compute the response' }) answer!: string;
}

export class TransferRequestedDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() transferId!: string;
  @ApiProperty({ enum: ['AWAITING_ACKNOWLEDGEMENT'] }) status!: string;
  @ApiProperty() holderOrganisationId!: string;
  @ApiProperty() toOrganisationId!: string;
}

/** A receiver's acknowledgement: the first officer's attests, the second's moves custody (R18.1, R18.5). */
export class TransferAcknowledgedDto extends IntegrityResultDto {
  @ApiProperty() transferId!: string;
  @ApiProperty({ enum: ['AWAITING_SECOND_OFFICER', 'ACKNOWLEDGED', 'STOPPED'] }) transfer!: string;
}

export class TransferCancelledDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() transferId!: string;
  @ApiProperty({ enum: ['CANCELLED'] }) transfer!: string;
  @ApiProperty() status!: string;
  @ApiProperty() holderOrganisationId!: string;
}

export class ViewRecordedDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty({ enum: [true] }) registered!: boolean;
  @ApiProperty() holderOrganisationId!: string;
}
