import { Principal } from '@custos/auth';

export class CoSignRequestCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
  ) {}
}

export interface CoSignRequestResult {
  readonly requestId: string;
  readonly status: 'AWAITING_APPROVAL' | 'REGISTERED';
  readonly credentialNumbers: readonly string[];
}
