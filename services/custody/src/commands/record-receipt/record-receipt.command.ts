import { Principal } from '@custos/auth';
import { AttestationDto } from '../integrity-challenge/integrity-challenge';

export class RecordReceiptCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    readonly attestation: AttestationDto,
  ) {}
}
