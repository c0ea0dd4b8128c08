import { getJson } from '@custos/platform';
import type { HeadTerm, Organisation, OrganisationLevel, OrganisationType } from '@custos/domain';
import { ApprovalsRegistryFacts, NameQuery, Names } from './registry-facts.port';

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

/** How long a name the registry gave is shown without asking again: names change rarely, and a page of the queue must not cost a request per row. */
const NAME_TTL_MS = 5 * 60_000;

/** The registry port over the registry service's REST API. */
export class HttpApprovalsRegistryFacts implements ApprovalsRegistryFacts {
  private readonly nameCache = new Map<string, { name: string | undefined; until: number }>();

  constructor(private readonly options: HttpApprovalsRegistryOptions) {}

  /**
   * Names from `GET /organisations/:id`, `GET /officers?personId=` and `GET /cameras/:id`, each
   * cached for a while; a name the registry cannot give now (down, unknown) is left out, so the
   * queue still answers with the ids.
   */
  async names(ids: NameQuery): Promise<Names> {
    const lookup = async (kind: string, id: string, path: string, pick: (json: never) => string | undefined) => {
      const key = `${kind}:${id}`;
      const cached = this.nameCache.get(key);
      if (cached !== undefined && cached.until > Date.now()) return [id, cached.name] as const;
      const name = await this.get<never>(path).then((json) => (json === undefined ? undefined : pick(json)), () => undefined);
      if (this.nameCache.size > 50_000) this.nameCache.clear();
      this.nameCache.set(key, { name, until: Date.now() + NAME_TTL_MS });
      return [id, name] as const;
    };
    const all = (list: readonly string[] | undefined, one: (id: string) => Promise<readonly [string, string | undefined]>) =>
      Promise.all([...new Set(list ?? [])].map(one)).then((pairs) => new Map(pairs.filter((p): p is [string, string] => p[1] !== undefined)));
    const [organisations, persons, cameras] = await Promise.all([
      all(ids.organisationIds, (id) => lookup('org', id, `/organisations/${encodeURIComponent(id)}`, (j: OrganisationJson) => j.name)),
      all(ids.personIds, (id) =>
        lookup('person', id, `/officers?personId=${encodeURIComponent(id)}&limit=1`, (j: { items?: { name?: string }[] }) => j.items?.[0]?.name),
      ),
      all(ids.cameraIds, (id) => lookup('camera', id, `/cameras/${encodeURIComponent(id)}`, (j: { name?: string }) => j.name)),
    ]);
    return { organisations, persons, cameras };
  }

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
