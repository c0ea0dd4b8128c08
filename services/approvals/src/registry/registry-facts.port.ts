import type { HeadTerm, Organisation } from '@custos/domain';

/**
 * What the approvals service needs from the registry (services/registry), as a port: the
 * approver's organ (type, level, division) and its head terms, judged at decision time
 * (R17.2–R17.4). Adapters: HTTP in a deployment, in memory in tests and the embedded demo.
 */
export interface ApprovalsRegistryFacts {
  organisation(id: string): Promise<Organisation | undefined>;
  headTerms(organisationId: string): Promise<readonly HeadTerm[]>;
}

export const APPROVALS_REGISTRY_FACTS = Symbol('APPROVALS_REGISTRY_FACTS');
