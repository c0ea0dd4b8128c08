import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PublishedEventKeyDto {
  @ApiProperty() service!: string;
  @ApiProperty() kid!: string;
  @ApiProperty({ description: 'The raw 32-byte Ed25519 public key, base64url' }) publicKey!: string;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiPropertyOptional({ format: 'date-time' }) revokedAt?: string;
  @ApiPropertyOptional() revocationReason?: string;
}

export class EventKeysDto {
  @ApiProperty({ type: [PublishedEventKeyDto] }) keys!: PublishedEventKeyDto[];
}
