import { Principal } from '@custos/auth';
import { SignedApprovalDocument } from '@custos/domain';

export class InitiateHandOverCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    readonly approval: SignedApprovalDocument,
    readonly purpose: string,
  ) {}
}
