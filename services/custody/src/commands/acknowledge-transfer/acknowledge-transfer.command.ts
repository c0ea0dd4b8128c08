import { Principal } from '@custos/auth';
import { AttestationDto } from '../integrity-challenge/integrity-challenge';

export class AcknowledgeTransferCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    readonly transferId: string,
    readonly attestation: AttestationDto,
  ) {}
}
