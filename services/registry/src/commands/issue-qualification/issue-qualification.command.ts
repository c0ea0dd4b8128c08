import { Principal } from '@custos/auth';

export class IssueQualificationCommand {
  constructor(
    readonly principal: Principal,
    readonly officerId: string,
    readonly credentialNumber: string,
    readonly issuedAt: Date,
    readonly expiresAt: Date,
  ) {}
}
