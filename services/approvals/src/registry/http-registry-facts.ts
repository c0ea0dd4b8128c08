import { getJson } from '@custos/platform';
import type { HeadTerm, Organisation, OrganisationLevel, OrganisationType } from '@custos/domain';
import { ApprovalsRegistryFacts } from './registry-facts.port';

/**
 * The registry service's read API, as services/registry/src/queries answers it (checked
 * against a running registry by deploy/embedded/registry-facts.int-spec.ts):
 * - `GET /organisations/:id` → {@link OrganisationJson}
 * - `GET /organisations/:id/heads` → {@link HeadsJson}: every head term when `at` is absent
 *   (the approver's competence is judged by `isHeadAt` at the decision instant, R17.2–R17.4)
 * A 404 is "no such organisation"; anything else but 200 is the registry failing (a coded 502/503).
 */
export interface HttpApprovalsRegistryOptions {
  readonly baseUrl: string;
  /** A bearer token of this service (role SERVICE); the source caches it as it sees fit. */
  readonly serviceToken: () => Promise<string>;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface OrganisationJson {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly level: string;
  readonly divisionCode: string;
  readonly parentId: string | null;
}

export interface HeadsJson {
  readonly organisationId: string;
  readonly at: string | null;
  readonly heads: readonly { readonly personId: string; readonly from: string; readonly to: string | null }[];
}

/** The registry port over the registry service's REST API. */
export class HttpApprovalsRegistryFacts implements ApprovalsRegistryFacts {
  constructor(private readonly options: HttpApprovalsRegistryOptions) {}

  async organisation(id: string): Promise<Organisation | undefined> {
    const json = await this.get<OrganisationJson>(`/organisations/${encodeURIComponent(id)}`);
    return json && { id: json.id, type: json.type as OrganisationType, level: json.level as OrganisationLevel, divisionCode: json.divisionCode };
  }

  async headTerms(organisationId: string): Promise<readonly HeadTerm[]> {
    const json = await this.get<HeadsJson>(`/organisations/${encodeURIComponent(organisationId)}/heads`);
    return (json?.heads ?? []).map((t) => ({
      personId: t.personId,
      organisationId: json!.organisationId,
      from: new Date(t.from),
      ...(t.to ? { to: new Date(t.to) } : {}),
    }));
  }

  /** The registry's answer, or undefined for a 404; a failing registry is a coded 502/503 (`getJson`). */
  private get<T>(path: string): Promise<T | undefined> {
    return getJson<T>(this.options, 'registry', path);
  }
}
