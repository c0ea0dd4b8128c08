import { Inject, Injectable } from '@nestjs/common';
import { AccessRequests } from '../domain/access-requests.port';
import { REQUESTS_REGISTRY_FACTS, RequestsRegistryFacts } from '../registry/registry-facts.port';
import { ResolvedRequestsOptions } from '../requests.options';
import { REQUESTS_OPTIONS } from '../requests.tokens';

/**
 * What every command on an access request works with: the requests, the registry's facts about
 * who acts for which organ (R18.2), and the service's options (clock, rule packs, policies).
 * The subclass states only its `@CommandHandler` and `execute`.
 */
@Injectable()
export abstract class AccessRequestCommandHandler {
  constructor(
    protected readonly requests: AccessRequests,
    @Inject(REQUESTS_REGISTRY_FACTS) protected readonly facts: RequestsRegistryFacts,
    @Inject(REQUESTS_OPTIONS) protected readonly options: ResolvedRequestsOptions,
  ) {}
}
