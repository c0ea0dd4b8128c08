import type { Principal } from '@custos/auth';
import type { SignedApprovalDocument } from '@custos/domain';

export class AnswerNotHeldCommand {
  constructor(
    readonly principal: Principal,
    readonly approval: SignedApprovalDocument,
    /** The requesting organ, as the owner's fulfilment queue names it (the document does not). */
    readonly requestingOrganisationId: string,
    readonly cameraIds?: readonly string[],
  ) {}
}
