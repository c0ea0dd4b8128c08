import { Principal } from '@custos/auth';

export class IssueIntegrityChallengeCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
  ) {}
}
