import { Principal } from '@custos/auth';
import { AttestationDto } from '../integrity-challenge/integrity-challenge';

export class VerifyIntegrityCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    /** None: custody checks the stored copy only. */
    readonly attestation: AttestationDto | undefined,
  ) {}
}
