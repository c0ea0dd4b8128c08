import { Principal } from '@custos/auth';

export class RequestDeliveryLinkCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
  ) {}
}
