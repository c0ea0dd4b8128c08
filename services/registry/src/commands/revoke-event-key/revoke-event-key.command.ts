import { Principal } from '@custos/auth';

export class RevokeEventKeyCommand {
  constructor(
    readonly principal: Principal,
    readonly service: string,
    readonly kid: string,
    readonly reason: string,
  ) {}
}
