import { Principal } from '@custos/auth';

export class RequestTransferCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    readonly toOrganisationId: string,
    readonly toPersonId: string | undefined,
    readonly purpose: string,
  ) {}
}
