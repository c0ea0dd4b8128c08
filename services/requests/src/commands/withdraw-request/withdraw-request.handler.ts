import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccessRequest } from '../../domain/access-request.aggregate';
import { officerOf } from '../../shared/officer-check';
import { changeAccessRequest, refuse } from '../../shared/refusal';
import { AccessRequestCommandHandler } from '../access-request-command.handler';
import { WithdrawRequestCommand } from './withdraw-request.command';

/**
 * A signer withdraws a request that is not closed yet; an open approval case is then closed.
 * The organ they act for is the registry's, not the token's claim alone (issue 16).
 */
@CommandHandler(WithdrawRequestCommand)
export class WithdrawRequestHandler extends AccessRequestCommandHandler implements ICommandHandler<WithdrawRequestCommand, { requestId: string; status: 'WITHDRAWN' }> {
  async execute({ principal, requestId, reason }: WithdrawRequestCommand): Promise<{ requestId: string; status: 'WITHDRAWN' }> {
    const signer = await officerOf(this.facts, principal);
    // Another organ's request is answered as absent.
    const ofSignersOrgan = (request: AccessRequest): boolean => request.filed!.requestingOrganisation.id === signer.organisationId;
    const withdraw = async (request: AccessRequest) => {
      const withdrawn = request.withdraw(principal.personId, reason, this.options.clock());
      if (!withdrawn.ok) refuse(withdrawn.error);
      return { requestId, status: 'WITHDRAWN' as const };
    };
    return changeAccessRequest(this.requests, principal, requestId, withdraw, ofSignersOrgan);
  }
}
