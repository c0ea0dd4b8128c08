import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccessRequest } from '../../domain/access-request.aggregate';
import { AccessRequests } from '../../domain/access-requests.port';
import { REQUESTS_REGISTRY_FACTS, RequestsRegistryFacts } from '../../registry/registry-facts.port';
import { ResolvedRequestsOptions } from '../../requests.options';
import { REQUESTS_OPTIONS } from '../../requests.tokens';
import { officerOf } from '../../shared/officer-check';
import { changeAccessRequest, refuse } from '../../shared/refusal';
import { WithdrawRequestCommand } from './withdraw-request.command';

/**
 * A signer withdraws a request that is not closed yet; an open approval case is then closed.
 * The organ they act for is the registry's, not the token's claim alone (issue 16).
 */
@CommandHandler(WithdrawRequestCommand)
export class WithdrawRequestHandler implements ICommandHandler<WithdrawRequestCommand, { requestId: string; status: 'WITHDRAWN' }> {
  constructor(
    private readonly requests: AccessRequests,
    @Inject(REQUESTS_REGISTRY_FACTS) private readonly facts: RequestsRegistryFacts,
    @Inject(REQUESTS_OPTIONS) private readonly options: ResolvedRequestsOptions,
  ) {}

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
