import type { HeadTerm, Organisation } from '@custos/domain';
import { ApprovalsRegistryFacts, NameQuery, Names } from './registry-facts.port';

/** Registry facts as plain JSON (instants as ISO strings), as tests and the demo seed them. */
export interface ApprovalsRegistrySeed {
  readonly organisations?: readonly Organisation[];
  readonly headTerms?: readonly { personId: string; organisationId: string; from: string; to?: string }[];
  /** Names of organs, persons and cameras by id, as the registry would answer them. */
  readonly names?: { readonly organisations?: Record<string, string>; readonly persons?: Record<string, string>; readonly cameras?: Record<string, string> };
}

export class InMemoryApprovalsRegistryFacts implements ApprovalsRegistryFacts {
  private readonly organisations = new Map<string, Organisation>();
  private readonly terms: HeadTerm[] = [];
  private readonly known = { organisations: new Map<string, string>(), persons: new Map<string, string>(), cameras: new Map<string, string>() };

  constructor(seed: ApprovalsRegistrySeed = {}) {
    this.seed(seed);
  }

  seed(seed: ApprovalsRegistrySeed): this {
    for (const o of seed.organisations ?? []) this.organisations.set(o.id, o);
    for (const t of seed.headTerms ?? []) {
      this.terms.push({ personId: t.personId, organisationId: t.organisationId, from: new Date(t.from), ...(t.to ? { to: new Date(t.to) } : {}) });
    }
    for (const kind of ['organisations', 'persons', 'cameras'] as const) {
      for (const [id, name] of Object.entries(seed.names?.[kind] ?? {})) this.known[kind].set(id, name);
    }
    return this;
  }

  async names(ids: NameQuery): Promise<Names> {
    const pick = (map: Map<string, string>, wanted: readonly string[] = []) =>
      new Map(wanted.filter((id) => map.has(id)).map((id) => [id, map.get(id)!] as const));
    return {
      organisations: pick(this.known.organisations, ids.organisationIds),
      persons: pick(this.known.persons, ids.personIds),
      cameras: pick(this.known.cameras, ids.cameraIds),
    };
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    return this.organisations.get(id);
  }

  async headTerms(organisationId: string): Promise<readonly HeadTerm[]> {
    return this.terms.filter((t) => t.organisationId === organisationId);
  }
}
