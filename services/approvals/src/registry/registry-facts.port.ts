import type { HeadTerm, Organisation } from '@custos/domain';

/**
 * What the approvals service needs from the registry (services/registry), as a port: the
 * approver's organ (type, level, division) and its head terms, judged at decision time
 * (R17.2–R17.4). Adapters: HTTP in a deployment, in memory in tests and the embedded demo.
 */
export interface ApprovalsRegistryFacts {
  organisation(id: string): Promise<Organisation | undefined>;
  headTerms(organisationId: string): Promise<readonly HeadTerm[]>;
  /**
   * The names people read (organs, officers, cameras) for the ids given; an id the registry
   * cannot name now is left out, and the caller shows the id. Optional: without it, no names.
   */
  names?(ids: NameQuery): Promise<Names>;
}

export interface NameQuery {
  readonly organisationIds?: readonly string[];
  readonly personIds?: readonly string[];
  readonly cameraIds?: readonly string[];
}

export interface Names {
  readonly organisations: ReadonlyMap<string, string>;
  readonly persons: ReadonlyMap<string, string>;
  readonly cameras: ReadonlyMap<string, string>;
}

export const APPROVALS_REGISTRY_FACTS = Symbol('APPROVALS_REGISTRY_FACTS');
