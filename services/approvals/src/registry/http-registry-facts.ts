import type { HeadTerm, Organisation } from '@custos/domain';
import { ApprovalsRegistryFacts } from './registry-facts.port';

/** Where the registry answers; `{id}` is replaced by the URL-encoded id. */
export interface HttpApprovalsRegistryOptions {
  readonly baseUrl: string;
  /** A bearer token of this service (role SERVICE). */
  readonly serviceToken: () => Promise<string>;
  readonly organisationPath?: string;
  /** Answers `[{ personId, organisationId, from, to? }]` with ISO instants. */
  readonly headTermsPath?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** The registry port over the registry service's REST API. */
export class HttpApprovalsRegistryFacts implements ApprovalsRegistryFacts {
  constructor(private readonly options: HttpApprovalsRegistryOptions) {}

  organisation(id: string): Promise<Organisation | undefined> {
    return this.get<Organisation>(this.options.organisationPath ?? '/organisations/{id}', id);
  }

  async headTerms(organisationId: string): Promise<readonly HeadTerm[]> {
    const terms = await this.get<{ personId: string; organisationId: string; from: string; to?: string | null }[]>(
      this.options.headTermsPath ?? '/organisations/{id}/head-terms',
      organisationId,
    );
    return (terms ?? []).map((t) => ({
      personId: t.personId,
      organisationId: t.organisationId,
      from: new Date(t.from),
      ...(t.to ? { to: new Date(t.to) } : {}),
    }));
  }

  private async get<T>(template: string, id: string): Promise<T | undefined> {
    const url = new URL(template.replace('{id}', encodeURIComponent(id)), this.options.baseUrl);
    const response = await (this.options.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${await this.options.serviceToken()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`registry answered ${response.status} for ${url.pathname}`);
    return (await response.json()) as T;
  }
}
