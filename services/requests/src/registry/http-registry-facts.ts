import { fetchOperatorOrganisations, getJson } from '@custos/platform';
import { qualificationValidAt } from '@custos/domain';
import type { Officer, Organisation, OrganisationLevel, OrganisationType, Qualification, QualificationStatus } from '@custos/domain';
import { CameraFacts, RequestsRegistryFacts, SystemFacts } from './registry-facts.port';

/**
 * The registry service's read API, as services/registry/src/queries answers it (checked
 * against a running registry by deploy/embedded/registry-facts.int-spec.ts):
 * - `GET /organisations/:id` → {@link OrganisationJson}
 * - `GET /officers?personId=` → a page of officer entries (the registry's officer id is not the
 *   person id), then `GET /officers/:id` → {@link OfficerJson} with every credential
 * - `GET /cameras/:id` → {@link CameraJson}
 * - `GET /systems/:id` → its owner and `supervisingOrganisationId`
 * - `GET /operators?personId=` → the organisations the person operates systems for
 * A 404 is "no such thing"; anything else but 200 is the registry failing (a coded 502/503).
 */
export interface HttpRegistryFactsOptions {
  readonly baseUrl: string;
  /** A bearer token of this service (role SERVICE); the source caches it as it sees fit. */
  readonly serviceToken: () => Promise<string>;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** "Now", to tell which credential is currently active. */
  readonly clock?: () => Date;
}

export interface OrganisationJson {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly level: string;
  readonly divisionCode: string;
  readonly parentId: string | null;
}

export interface OfficerJson {
  readonly id: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly name: string;
  readonly qualifications: readonly {
    readonly credentialNumber: string;
    readonly issuedAt: string;
    readonly expiresAt: string;
    readonly statusHistory: readonly { readonly status: string; readonly since: string }[];
  }[];
}

export interface CameraJson {
  readonly id: string;
  readonly imageSystemId: string;
  readonly ownerOrganisationId: string;
  readonly divisionCode: string;
  readonly name: string;
  readonly locationCategory: string;
  readonly removed: boolean;
}

interface PageJson<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** What an officer without any credential on record shows: no status, so never valid (R18.2). */
const NO_CREDENTIAL: Qualification = { credentialNumber: '', issuedAt: new Date(0), expiresAt: new Date(0), statusHistory: [] };

/** The registry port over the registry service's REST API. */
export class HttpRequestsRegistryFacts implements RequestsRegistryFacts {
  /** Person id → the registry's officer ids; an officer entry's id never changes. */
  private readonly officerIds = new Map<string, readonly string[]>();

  constructor(private readonly options: HttpRegistryFactsOptions) {}

  async organisation(id: string): Promise<Organisation | undefined> {
    const json = await this.get<OrganisationJson>(`/organisations/${encodeURIComponent(id)}`);
    return json && { id: json.id, type: json.type as OrganisationType, level: json.level as OrganisationLevel, divisionCode: json.divisionCode };
  }

  /**
   * The officer with the credential that matters (R18.2): the one numbered `credentialNumber`
   * when given and on record, else the newest credential active now, else the newest one.
   */
  async officer(personId: string, credentialNumber?: string): Promise<Officer | undefined> {
    const entries: OfficerJson[] = [];
    for (const id of await this.officerIdsOf(personId)) {
      const entry = await this.get<OfficerJson>(`/officers/${encodeURIComponent(id)}`);
      if (entry !== undefined) entries.push(entry);
    }
    if (entries.length === 0) return undefined;
    const candidates = entries.flatMap((entry) => entry.qualifications.map((q) => ({ entry, qualification: qualificationOf(q) })));
    const newestFirst = [...candidates].sort((a, b) => b.qualification.issuedAt.getTime() - a.qualification.issuedAt.getTime());
    const now = (this.options.clock ?? (() => new Date()))();
    const chosen =
      (credentialNumber !== undefined ? newestFirst.find((c) => c.qualification.credentialNumber === credentialNumber) : undefined) ??
      newestFirst.find((c) => qualificationValidAt(c.qualification, now)) ??
      newestFirst[0];
    const entry = chosen?.entry ?? entries[0];
    return { personId: entry.personId, organisationId: entry.organisationId, qualification: chosen?.qualification ?? NO_CREDENTIAL };
  }

  async camera(id: string): Promise<CameraFacts | undefined> {
    const json = await this.get<CameraJson>(`/cameras/${encodeURIComponent(id)}`);
    // The registry does not publish a system's retention: absent means the legal minimum (R16.7).
    return json && { id: json.id, imageSystemId: json.imageSystemId, ownerOrganisationId: json.ownerOrganisationId };
  }

  async system(id: string): Promise<SystemFacts | undefined> {
    const json = await this.get<SystemFacts>(`/systems/${encodeURIComponent(id)}`);
    return json && { id: json.id, ownerOrganisationId: json.ownerOrganisationId, supervisingOrganisationId: json.supervisingOrganisationId ?? null };
  }

  operatorOrganisations(personId: string): Promise<readonly string[]> {
    return fetchOperatorOrganisations(this.options, personId);
  }

  private async officerIdsOf(personId: string): Promise<readonly string[]> {
    const known = this.officerIds.get(personId);
    if (known !== undefined) return known;
    const page = await this.get<PageJson<{ id: string }>>(`/officers?personId=${encodeURIComponent(personId)}&limit=200`);
    const ids = (page?.items ?? []).map((o) => o.id);
    // Only a found person is remembered: an officer registered later must be found then.
    if (ids.length > 0) this.officerIds.set(personId, ids);
    return ids;
  }

  /** The registry's answer, or undefined for a 404; a failing registry is a coded 502/503 (`getJson`). */
  private get<T>(path: string): Promise<T | undefined> {
    return getJson<T>(this.options, 'registry', path);
  }
}

function qualificationOf(q: OfficerJson['qualifications'][number]): Qualification {
  return {
    credentialNumber: q.credentialNumber,
    issuedAt: new Date(q.issuedAt),
    expiresAt: new Date(q.expiresAt),
    statusHistory: q.statusHistory.map((s) => ({ status: s.status as QualificationStatus, since: new Date(s.since) })),
  };
}

