import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Either attests the holder's copy with both fields, or, with neither, has custody check the stored copy only. */
const attesting = (o: VerifyIntegrityRequestDto): boolean => o.challenge !== undefined || o.response !== undefined;

export class VerifyIntegrityRequestDto {
  @ApiPropertyOptional({ description: 'The challenge token from POST /evidence-items/:id/integrity-challenges' })
  @ValidateIf(attesting)
  @IsString()
  @MaxLength(2000)
  challenge?: string;

  @ApiPropertyOptional({ description: 'Hex SHA-256 of the nonce (ASCII hex) followed by the bytes of your copy' })
  @ValidateIf(attesting)
  @Matches(/^[0-9a-f]{64}$/, { message: 'response must be 64 lowercase hex digits' })
  response?: string;
}
