import { Principal } from '@custos/auth';

export class ConfirmHandOverCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    readonly handOverId: string,
  ) {}
}
