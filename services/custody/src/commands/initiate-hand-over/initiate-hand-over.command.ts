import { Principal } from '@custos/auth';
import { PresentedApprovalDocument } from '@custos/domain';

export class InitiateHandOverCommand {
  constructor(
    readonly principal: Principal,
    readonly evidenceItemId: string,
    readonly approval: PresentedApprovalDocument,
    readonly purpose: string,
  ) {}
}
