import { Principal } from '@custos/auth';

export class RegisterOperatorCommand {
  constructor(
    readonly principal: Principal,
    readonly id: string,
    readonly personId: string,
    readonly organisationId: string,
    readonly name: string,
  ) {}
}
