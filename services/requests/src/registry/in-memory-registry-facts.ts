import type { Officer, Organisation, QualificationStatus } from '@custos/domain';
import { CameraFacts, RequestsRegistryFacts, SystemFacts } from './registry-facts.port';

/** Registry facts as plain JSON (instants as ISO strings): what tests and the demo seed. */
export interface RegistrySeed {
  readonly organisations?: readonly Organisation[];
  readonly officers?: readonly {
    personId: string;
    organisationId: string;
    qualification: {
      credentialNumber: string;
      issuedAt: string;
      expiresAt: string;
      statusHistory: readonly { status: QualificationStatus; since: string }[];
    };
  }[];
  readonly cameras?: readonly CameraFacts[];
  /** The PSB supervising each system (R16.5); a system's owner comes from its cameras. */
  readonly supervisors?: Readonly<Record<string, string>>;
  /** The owners' operators (R16.2): what an owner's token may claim (issue 16). */
  readonly operators?: readonly { personId: string; organisationId: string }[];
  readonly headTerms?: readonly { personId: string; organisationId: string; from: string; to?: string }[];
}

/** The registry port in memory, for tests and the embedded demo. */
export class InMemoryRequestsRegistryFacts implements RequestsRegistryFacts {
  private readonly organisations = new Map<string, Organisation>();
  private readonly officers = new Map<string, Officer>();
  private readonly cameras = new Map<string, CameraFacts>();
  private readonly supervisors = new Map<string, string>();
  private readonly operators: { personId: string; organisationId: string }[] = [];

  constructor(seed: RegistrySeed = {}) {
    this.seed(seed);
  }

  seed(seed: RegistrySeed): this {
    for (const o of seed.organisations ?? []) this.organisations.set(o.id, o);
    for (const c of seed.cameras ?? []) this.cameras.set(c.id, c);
    this.operators.push(...(seed.operators ?? []));
    for (const [system, psb] of Object.entries(seed.supervisors ?? {})) this.supervisors.set(system, psb);
    for (const o of seed.officers ?? []) {
      this.officers.set(o.personId, {
        personId: o.personId,
        organisationId: o.organisationId,
        qualification: {
          credentialNumber: o.qualification.credentialNumber,
          issuedAt: new Date(o.qualification.issuedAt),
          expiresAt: new Date(o.qualification.expiresAt),
          statusHistory: o.qualification.statusHistory.map((s) => ({ status: s.status, since: new Date(s.since) })),
        },
      });
    }
    return this;
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    return this.organisations.get(id);
  }

  async officer(personId: string): Promise<Officer | undefined> {
    return this.officers.get(personId);
  }

  async camera(id: string): Promise<CameraFacts | undefined> {
    return this.cameras.get(id);
  }

  async operatorOrganisations(personId: string): Promise<readonly string[]> {
    return this.operators.filter((o) => o.personId === personId).map((o) => o.organisationId);
  }

  async system(id: string): Promise<SystemFacts | undefined> {
    const camera = [...this.cameras.values()].find((c) => c.imageSystemId === id);
    return camera && { id, ownerOrganisationId: camera.ownerOrganisationId, supervisingOrganisationId: this.supervisors.get(id) ?? null };
  }
}

