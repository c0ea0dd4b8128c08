import { Principal } from '@custos/auth';

export class CancelTransferCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    readonly transferId: string,
    readonly reason: string,
  ) {}
}
