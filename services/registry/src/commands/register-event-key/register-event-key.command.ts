import { Principal } from '@custos/auth';

export class RegisterEventKeyCommand {
  constructor(
    readonly principal: Principal,
    readonly service: string,
    /** The raw 32-byte Ed25519 public key, base64url. */
    readonly publicKey: string,
    /** From when the key signs; default now. */
    readonly validFrom?: Date,
  ) {}
}
