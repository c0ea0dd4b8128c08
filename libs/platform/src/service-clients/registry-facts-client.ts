import type { Officer, Organisation } from '@custos/domain';
import type { HttpServiceClientOptions } from './http-json';
import { officerWithCredential, organisationFromJson, RegistryClient, type OfficerJson } from './registry-client';

export interface RegistryFactsClientOptions extends HttpServiceClientOptions {
  /** "Now", to tell which credential is currently active. */
  readonly clock?: () => Date;
}

/**
 * The registry facts several services' ports share, over the one {@link RegistryClient}:
 * an organisation in the domain's terms, the organisations a person operates for (R16.2), and
 * the officer, among a person's entries, with the credential that matters (R18.2). Each service's
 * adapter extends it with what only it asks. A 404 is "no such thing"; a failing registry is a
 * coded 502/503.
 */
export abstract class RegistryFactsClient {
  protected readonly registry: RegistryClient;
  protected readonly clock: () => Date;

  protected constructor(options: RegistryFactsClientOptions) {
    this.registry = new RegistryClient(options);
    this.clock = options.clock ?? (() => new Date());
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    const json = await this.registry.organisation(id);
    return json && organisationFromJson(json);
  }

  operatorOrganisations(personId: string): Promise<readonly string[]> {
    return this.registry.operatorOrganisations(personId);
  }

  /** The officer among `entries` with the credential they show, else the one active now (R18.2, {@link officerWithCredential}). */
  protected officerAmong(entries: readonly OfficerJson[], credentialNumber: string | undefined): Officer | undefined {
    return officerWithCredential(entries, credentialNumber, this.clock());
  }
}
