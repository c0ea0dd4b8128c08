import { Principal } from '@custos/auth';

export class RevokeDocumentCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly reason: string,
  ) {}
}
