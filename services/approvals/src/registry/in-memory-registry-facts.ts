import type { HeadTerm, Organisation } from '@custos/domain';
import { ApprovalsRegistryFacts } from './registry-facts.port';

/** Registry facts as plain JSON (instants as ISO strings), as tests and the demo seed them. */
export interface ApprovalsRegistrySeed {
  readonly organisations?: readonly Organisation[];
  readonly headTerms?: readonly { personId: string; organisationId: string; from: string; to?: string }[];
}

export class InMemoryApprovalsRegistryFacts implements ApprovalsRegistryFacts {
  private readonly organisations = new Map<string, Organisation>();
  private readonly terms: HeadTerm[] = [];

  constructor(seed: ApprovalsRegistrySeed = {}) {
    this.seed(seed);
  }

  seed(seed: ApprovalsRegistrySeed): this {
    for (const o of seed.organisations ?? []) this.organisations.set(o.id, o);
    for (const t of seed.headTerms ?? []) {
      this.terms.push({ personId: t.personId, organisationId: t.organisationId, from: new Date(t.from), ...(t.to ? { to: new Date(t.to) } : {}) });
    }
    return this;
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    return this.organisations.get(id);
  }

  async headTerms(organisationId: string): Promise<readonly HeadTerm[]> {
    return this.terms.filter((t) => t.organisationId === organisationId);
  }
}
