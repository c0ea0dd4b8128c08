import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';

export class VerifyDocumentDto {
  @ApiProperty({ description: '{ document, signature, keyId } as issued' })
  @IsObject()
  signedDocument!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'the instant to verify at; default now' })
  @IsOptional()
  @IsOffsetDateTime()
  at?: string;
}
