import { Principal } from '@custos/auth';

export class DenyRequestCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly reason: string,
  ) {}
}
