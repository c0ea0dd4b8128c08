import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The SHA-256 the caller computed over the package bytes they hold (R18.5). */
export class RehashRequestDto {
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' })
  sha256!: string;
}
