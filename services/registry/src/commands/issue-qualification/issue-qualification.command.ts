import { Principal } from '@custos/auth';

export class IssueQualificationCommand {
  constructor(
    readonly principal: Principal,
    readonly officerId: string,
    readonly credentialNumber: string,
    readonly issuedAt: Date,
    readonly expiresAt: Date,
    /** Required when `issuedAt` lies in the past (issue 16); recorded in the event. */
    readonly backdatingReason?: string,
  ) {}
}
