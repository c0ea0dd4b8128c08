import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccessRequests } from '../../domain/access-requests.port';
import { REQUESTS_REGISTRY_FACTS, RequestsRegistryFacts } from '../../registry/registry-facts.port';
import { ResolvedRequestsOptions } from '../../requests.options';
import { REQUESTS_OPTIONS } from '../../requests.tokens';
import { officerOf } from '../../shared/officer-check';
import { commandContextOf, refuse } from '../../shared/refusal';
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
    return this.requests.transaction(async (tx) => {
      const request = await this.requests.load(requestId, tx);
      if (request === undefined || request.filed!.requestingOrganisation.id !== signer.organisationId) {
        throw new NotFoundException({ code: 'CUSTOS_NOT_FOUND', message: `no request ${requestId}` });
      }
      const withdrawn = request.withdraw(principal.personId, reason, this.options.clock());
      if (!withdrawn.ok) refuse(withdrawn.error);
      await this.requests.save(request, commandContextOf(principal), tx);
      return { requestId, status: 'WITHDRAWN' as const };
    });
  }
}
