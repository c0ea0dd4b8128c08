import { IsIn, IsOptional, Matches } from 'class-validator';
import { SERVICES } from '@custos/contracts';
import { IsOffsetDateTime } from '@custos/platform';

export class RegisterEventKeyRequestDto {
  /** The service whose relay signs with the key. */
  @IsIn(SERVICES) service!: string;
  /** The raw 32-byte Ed25519 public key, base64url (43 characters). */
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'publicKey must be the base64url of a 32-byte Ed25519 public key' }) publicKey!: string;
  /** From when the key signs (ISO-8601); default now. */
  @IsOptional() @IsOffsetDateTime() validFrom?: string;
}
