import { Principal } from '@custos/auth';

export class AttachFeeCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly amount: number,
    readonly currency?: string,
  ) {}
}
