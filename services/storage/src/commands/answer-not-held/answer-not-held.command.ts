import type { Principal } from '@custos/auth';
import type { SignedApprovalDocument } from '@custos/domain';

export class AnswerNotHeldCommand {
  constructor(
    readonly principal: Principal,
    readonly approval: SignedApprovalDocument,
    /** The requesting organ as the owner states it, if at all: only checked against the document's. */
    readonly requestingOrganisationId: string | undefined,
    readonly cameraIds?: readonly string[],
  ) {}
}
