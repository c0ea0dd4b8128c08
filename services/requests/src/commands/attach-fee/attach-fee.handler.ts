import { DomainError } from '@custos/domain';
import { registeredOperatorOf } from '@custos/platform';
import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccessRequests } from '../../domain/access-requests.port';
import { requestsErrors } from '../../domain/requests.errors';
import { REQUESTS_REGISTRY_FACTS, RequestsRegistryFacts } from '../../registry/registry-facts.port';
import { commandContextOf, refuse } from '../../shared/refusal';
import { ResolvedRequestsOptions } from '../../requests.options';
import { REQUESTS_OPTIONS } from '../../requests.tokens';
import { AttachFeeCommand } from './attach-fee.command';

/**
 * No fee (R17.5): an owner of a targeted system who tries to charge is refused, and the
 * attempt is recorded as an event (so it reaches the ledger and oversight) before the answer.
 * The owner recorded is the organisation the registry holds the operator for: a token claiming
 * another is refused and records no attempt in that owner's name (issue 16).
 */
@CommandHandler(AttachFeeCommand)
export class AttachFeeHandler implements ICommandHandler<AttachFeeCommand, { requestId: string; fee: 0 }> {
  constructor(
    private readonly requests: AccessRequests,
    @Inject(REQUESTS_REGISTRY_FACTS) private readonly facts: RequestsRegistryFacts,
    @Inject(REQUESTS_OPTIONS) private readonly options: ResolvedRequestsOptions,
  ) {}

  async execute({ principal, requestId, amount, currency }: AttachFeeCommand): Promise<{ requestId: string; fee: 0 }> {
    const refusal = await this.requests.transaction(async (tx): Promise<DomainError | null> => {
      const request = await this.requests.load(requestId, tx);
      if (request === undefined) throw new NotFoundException({ code: 'CUSTOS_NOT_FOUND', message: `no request ${requestId}` });
      if (!request.filed!.ownerOrganisationIds.includes(principal.organisationId)) {
        refuse(requestsErrors.notAnOwner(requestId, principal.organisationId));
      }
      const owner = await registeredOperatorOf(this.facts, principal);
      // The text of the systems' place now decides; no pack governing it answers as a refusal too.
      const pack = request.rulePackAt(this.options.clock(), this.options.rulePacks);
      if (!pack.ok) refuse(pack.error);
      const refused = request.attemptFee(owner.id, principal.personId, amount, currency, pack.value);
      await this.requests.save(request, commandContextOf(principal), tx);
      return refused;
    });
    if (refusal !== null) refuse(refusal);
    return { requestId, fee: 0 };
  }
}
