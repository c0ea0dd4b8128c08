import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsObject, IsOptional } from 'class-validator';

export class VerifyDocumentDto {
  @ApiProperty({ description: '{ document, signature, keyId } as issued' })
  @IsObject()
  signedDocument!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'the instant to verify at; default now' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  at?: string;
}
