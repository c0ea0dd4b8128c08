import { Principal } from '@custos/auth';
import { SignedApprovalDocument } from '@custos/domain';

export class ApproveRequestCommand {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly validUntil?: string,
  ) {}
}

export interface ApproveRequestResult {
  readonly requestId: string;
  readonly status: 'APPROVED';
  readonly rule: string;
  readonly signedDocument: SignedApprovalDocument;
}
