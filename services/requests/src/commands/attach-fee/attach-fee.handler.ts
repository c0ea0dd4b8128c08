import { DomainError } from '@custos/domain';
import { registeredOperatorOf } from '@custos/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requestsErrors } from '../../domain/requests.errors';
import { changeAccessRequest, refuse } from '../../shared/refusal';
import { AccessRequestCommandHandler } from '../access-request-command.handler';
import { AttachFeeCommand } from './attach-fee.command';

/**
 * No fee (R17.5): an owner of a targeted system who tries to charge is refused, and the
 * attempt is recorded as an event (so it reaches the ledger and oversight) before the answer.
 * The owner recorded is the organisation the registry holds the operator for: a token claiming
 * another is refused and records no attempt in that owner's name (issue 16).
 */
@CommandHandler(AttachFeeCommand)
export class AttachFeeHandler extends AccessRequestCommandHandler implements ICommandHandler<AttachFeeCommand, { requestId: string; fee: 0 }> {
  async execute({ principal, requestId, amount, currency }: AttachFeeCommand): Promise<{ requestId: string; fee: 0 }> {
    // The attempt is saved even when refused (R17.5); the refusal is answered after the commit.
    const refusal = await changeAccessRequest(this.requests, principal, requestId, async (request): Promise<DomainError | null> => {
      if (!request.filed!.ownerOrganisationIds.includes(principal.organisationId)) {
        refuse(requestsErrors.notAnOwner(requestId, principal.organisationId));
      }
      const owner = await registeredOperatorOf(this.facts, principal);
      // The text of the systems' place now decides; no pack governing it answers as a refusal too.
      const pack = request.rulePackAt(this.options.clock(), this.options.rulePacks);
      if (!pack.ok) refuse(pack.error);
      return request.attemptFee(owner.id, principal.personId, amount, currency, pack.value);
    });
    if (refusal !== null) refuse(refusal);
    return { requestId, fee: 0 };
  }
}
