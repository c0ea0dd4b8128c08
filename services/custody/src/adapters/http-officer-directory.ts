import type { Officer, Organisation } from '@custos/domain';
import type { OfficerDirectory } from '../domain/officer-directory.port';
import { officerWithCredential, organisationFromJson, RegistryClient } from '@custos/platform';
import type { HttpServiceClientOptions, OfficerJson } from '@custos/platform';

export interface HttpOfficerDirectoryOptions extends HttpServiceClientOptions {
  /** "Now", to tell which credential is currently active. */
  readonly clock?: () => Date;
}

/**
 * Officers and organisations from the registry's API (R18.2) over the shared
 * {@link RegistryClient}, with custody's own token: the officer is looked up by person id, then
 * read whole. Nothing is cached: a suspension takes effect at the next hand-over.
 */
export class HttpOfficerDirectory implements OfficerDirectory {
  private readonly registry: RegistryClient;

  constructor(private readonly options: HttpOfficerDirectoryOptions) {
    this.registry = new RegistryClient(options);
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    const json = await this.registry.organisation(id);
    return json && organisationFromJson(json);
  }

  operatorOrganisations(personId: string): Promise<readonly string[]> {
    return this.registry.operatorOrganisations(personId);
  }

  /** The officer with the credential they show when on record, else the newest one active now, else the newest (R18.2). */
  async officer(personId: string, credentialNumber?: string): Promise<Officer | undefined> {
    const entries: OfficerJson[] = [];
    for (const { id } of await this.registry.officersOfPerson(personId)) {
      const entry = await this.registry.officer(id);
      if (entry !== undefined && entry.personId === personId) entries.push(entry);
    }
    return officerWithCredential(entries, credentialNumber, (this.options.clock ?? (() => new Date()))());
  }
}
