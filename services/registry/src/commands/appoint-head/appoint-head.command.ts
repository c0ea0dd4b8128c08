import { Principal } from '@custos/auth';

export class AppointHeadCommand {
  constructor(
    readonly principal: Principal,
    readonly organisationId: string,
    readonly personId: string,
    readonly from: Date,
    /** The head's name (shown on the documents they sign); optional, heads appointed before had none. */
    readonly name?: string,
    /** Required when `from` lies in the past (issue 16); recorded in the event. */
    readonly backdatingReason?: string,
  ) {}
}
