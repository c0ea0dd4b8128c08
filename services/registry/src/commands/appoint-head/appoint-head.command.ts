import { Principal } from '@custos/auth';

export class AppointHeadCommand {
  constructor(
    readonly principal: Principal,
    readonly organisationId: string,
    readonly personId: string,
    readonly from: Date,
  ) {}
}
