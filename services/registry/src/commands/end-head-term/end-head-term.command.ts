import { Principal } from '@custos/auth';

export class EndHeadTermCommand {
  constructor(
    readonly principal: Principal,
    readonly organisationId: string,
    readonly personId: string,
    readonly to: Date,
  ) {}
}
