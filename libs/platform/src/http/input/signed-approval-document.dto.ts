import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, MaxLength } from 'class-validator';

/**
 * The signed approval document of Article 17 as issued (R18.5), as a request carries it (a
 * hand-over, an export); its content and signature are checked by the domain, not here.
 */
export class SignedApprovalDocumentDto {
  @ApiProperty({ description: 'The approval document, as signed' })
  @IsObject()
  document!: Record<string, unknown>;

  @ApiProperty({ description: 'Base64 Ed25519 signature over the canonical document' })
  @IsString()
  @MaxLength(200)
  signature!: string;

  @ApiProperty({ description: "Hex SHA-256 of the issuing organ's public key" })
  @IsString()
  @MaxLength(100)
  keyId!: string;
}
