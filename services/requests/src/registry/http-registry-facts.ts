import { RegistryFactsClient } from '@custos/platform';
import type { OfficerJson, RegistryFactsClientOptions } from '@custos/platform';
import type { Officer } from '@custos/domain';
import { CameraFacts, RequestsRegistryFacts, SystemFacts } from './registry-facts.port';

export type HttpRegistryFactsOptions = RegistryFactsClientOptions;

/**
 * The registry facts requests needs, over the shared {@link RegistryFactsClient}: organisations,
 * officers with their credentials, cameras, systems and the organisations a person operates
 * for. A 404 is "no such thing"; a failing registry is a coded 502/503.
 */
export class HttpRequestsRegistryFacts extends RegistryFactsClient implements RequestsRegistryFacts {
  /** Person id → the registry's officer ids; an officer entry's id never changes. */
  private readonly officerIds = new Map<string, readonly string[]>();

  constructor(options: HttpRegistryFactsOptions) {
    super(options);
  }

  /** The officer with the credential that matters (R18.2, {@link officerWithCredential}). */
  async officer(personId: string, credentialNumber?: string): Promise<Officer | undefined> {
    // A person's officer entries are asked at once, not one after another.
    const found = await Promise.all((await this.officerIdsOf(personId)).map((id) => this.registry.officer(id)));
    const entries = found.filter((entry): entry is OfficerJson => entry !== undefined);
    return this.officerAmong(entries, credentialNumber);
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

  private async officerIdsOf(personId: string): Promise<readonly string[]> {
    const known = this.officerIds.get(personId);
    if (known !== undefined) return known;
    const ids = (await this.registry.officersOfPerson(personId)).map((o) => o.id);
    // Only a found person is remembered: an officer registered later must be found then.
    if (ids.length > 0) this.officerIds.set(personId, ids);
    return ids;
  }
}
