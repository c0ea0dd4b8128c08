import type { Officer, Organisation, QualificationStatus } from '@custos/domain';
import { CameraFacts, RequestsRegistryFacts } from './registry-facts.port';

/**
 * Where the registry answers; `{id}` is replaced by the URL-encoded id. The registry's API is
 * built at the same time as this adapter, so every path is configurable.
 */
export interface HttpRegistryFactsOptions {
  readonly baseUrl: string;
  /** A bearer token of this service (role SERVICE), fetched anew for each call. */
  readonly serviceToken: () => Promise<string>;
  readonly organisationPath?: string;
  readonly officerPath?: string;
  readonly cameraPath?: string;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

interface OfficerJson {
  personId: string;
  organisationId: string;
  qualification: {
    credentialNumber: string;
    issuedAt: string;
    expiresAt: string;
    statusHistory: { status: QualificationStatus; since: string }[];
  };
}

/** The registry port over the registry service's REST API. A 404 is "no such thing". */
export class HttpRequestsRegistryFacts implements RequestsRegistryFacts {
  constructor(private readonly options: HttpRegistryFactsOptions) {}

  organisation(id: string): Promise<Organisation | undefined> {
    return this.get<Organisation>(this.options.organisationPath ?? '/organisations/{id}', id);
  }

  async officer(personId: string): Promise<Officer | undefined> {
    const json = await this.get<OfficerJson>(this.options.officerPath ?? '/officers/{id}', personId);
    if (json === undefined) return undefined;
    const q = json.qualification;
    return {
      personId: json.personId,
      organisationId: json.organisationId,
      qualification: {
        credentialNumber: q.credentialNumber,
        issuedAt: new Date(q.issuedAt),
        expiresAt: new Date(q.expiresAt),
        statusHistory: q.statusHistory.map((s) => ({ status: s.status, since: new Date(s.since) })),
      },
    };
  }

  camera(id: string): Promise<CameraFacts | undefined> {
    return this.get<CameraFacts>(this.options.cameraPath ?? '/cameras/{id}', id);
  }

  private async get<T>(template: string, id: string): Promise<T | undefined> {
    const url = new URL(template.replace('{id}', encodeURIComponent(id)), this.options.baseUrl);
    const response = await (this.options.fetch ?? fetch)(url, {
      headers: { authorization: `Bearer ${await this.options.serviceToken()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
    });
    if (response.status === 404) return undefined;
    // Anything else is the registry failing, not a fact: the command fails (500) and is retried.
    if (!response.ok) throw new Error(`registry answered ${response.status} for ${url.pathname}`);
    return (await response.json()) as T;
  }
}
