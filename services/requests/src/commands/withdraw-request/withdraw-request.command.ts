import { Principal } from '@custos/auth';

export class WithdrawRequestCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly reason: string,
  ) {}
}
