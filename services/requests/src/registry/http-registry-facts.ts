import { officerWithCredential, organisationFromJson, RegistryClient } from '@custos/platform';
import type { HttpServiceClientOptions, OfficerJson } from '@custos/platform';
import type { Officer, Organisation } from '@custos/domain';
import { CameraFacts, RequestsRegistryFacts, SystemFacts } from './registry-facts.port';

/**
 * The registry facts requests needs, over the shared {@link RegistryClient}: organisations,
 * officers with their credentials, cameras, systems and the organisations a person operates
 * for. A 404 is "no such thing"; a failing registry is a coded 502/503.
 */
export interface HttpRegistryFactsOptions extends HttpServiceClientOptions {
  /** "Now", to tell which credential is currently active. */
  readonly clock?: () => Date;
}

/** The registry port over the registry service's REST API. */
export class HttpRequestsRegistryFacts implements RequestsRegistryFacts {
  /** Person id → the registry's officer ids; an officer entry's id never changes. */
  private readonly officerIds = new Map<string, readonly string[]>();
  private readonly registry: RegistryClient;

  constructor(private readonly options: HttpRegistryFactsOptions) {
    this.registry = new RegistryClient(options);
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    const json = await this.registry.organisation(id);
    return json && organisationFromJson(json);
  }

  /** The officer with the credential that matters (R18.2, {@link officerWithCredential}). */
  async officer(personId: string, credentialNumber?: string): Promise<Officer | undefined> {
    // A person's officer entries are asked at once, not one after another.
    const found = await Promise.all((await this.officerIdsOf(personId)).map((id) => this.registry.officer(id)));
    const entries = found.filter((entry): entry is OfficerJson => entry !== undefined);
    return officerWithCredential(entries, credentialNumber, (this.options.clock ?? (() => new Date()))());
  }

  async camera(id: string): Promise<CameraFacts | undefined> {
    const json = await this.registry.camera(id);
    // The registry does not publish a system's retention: absent means the legal minimum (R16.7).
    return json && { id: json.id, imageSystemId: json.imageSystemId, ownerOrganisationId: json.ownerOrganisationId };
  }

  async system(id: string): Promise<SystemFacts | undefined> {
    const json = await this.registry.system(id);
    return json && { id: json.id, ownerOrganisationId: json.ownerOrganisationId, supervisingOrganisationId: json.supervisingOrganisationId ?? null };
  }

  operatorOrganisations(personId: string): Promise<readonly string[]> {
    return this.registry.operatorOrganisations(personId);
  }

  private async officerIdsOf(personId: string): Promise<readonly string[]> {
    const known = this.officerIds.get(personId);
    if (known !== undefined) return known;
    const ids = (await this.registry.officersOfPerson(personId)).map((o) => o.id);
    // Only a found person is remembered: an officer registered later must be found then.
    if (ids.length > 0) this.officerIds.set(personId, ids);
    return ids;
  }
}
