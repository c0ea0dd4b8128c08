import { RegistryFactsClient } from '@custos/platform';
import type { HttpServiceClientOptions } from '@custos/platform';
import type { HeadTerm } from '@custos/domain';
import { ApprovalsRegistryFacts, NameQuery, Names } from './registry-facts.port';

/**
 * The registry facts approvals needs, over the shared {@link RegistryFactsClient}: an organisation,
 * and every head term of it (the approver's competence is judged by `isHeadAt` at the decision
 * instant, R17.2–R17.4). A 404 is "no such organisation"; a failing registry is a coded 502/503.
 */
export type HttpApprovalsRegistryOptions = HttpServiceClientOptions;

/** How long a name the registry gave is shown without asking again: names change rarely, and a page of the queue must not cost a request per row. */
const NAME_TTL_MS = 5 * 60_000;

/** The registry port over the registry service's REST API. */
export class HttpApprovalsRegistryFacts extends RegistryFactsClient implements ApprovalsRegistryFacts {
  private readonly nameCache = new Map<string, { name: string | undefined; until: number }>();

  constructor(options: HttpApprovalsRegistryOptions) {
    super(options);
  }

  /**
   * Names of organisations, persons (their first officer entry) and cameras, each cached for a
   * while; a name the registry cannot give now (down, unknown) is left out, so the queue still
   * answers with the ids.
   */
  async names(ids: NameQuery): Promise<Names> {
    const lookup = async (kind: string, id: string, read: () => Promise<{ name?: string } | undefined>) => {
      const key = `${kind}:${id}`;
      const cached = this.nameCache.get(key);
      if (cached !== undefined && cached.until > Date.now()) return [id, cached.name] as const;
      const name = await read().then((json) => json?.name, () => undefined);
      if (this.nameCache.size > 50_000) this.nameCache.clear();
      this.nameCache.set(key, { name, until: Date.now() + NAME_TTL_MS });
      return [id, name] as const;
    };
    const all = (list: readonly string[] | undefined, one: (id: string) => Promise<readonly [string, string | undefined]>) =>
      Promise.all([...new Set(list ?? [])].map(one)).then((pairs) => new Map(pairs.filter((p): p is [string, string] => p[1] !== undefined)));
    const [organisations, persons, cameras] = await Promise.all([
      all(ids.organisationIds, (id) => lookup('org', id, () => this.registry.organisation(id))),
      all(ids.personIds, (id) => lookup('person', id, () => this.registry.officersOfPerson(id, 1).then((items) => items[0]))),
      all(ids.cameraIds, (id) => lookup('camera', id, () => this.registry.camera(id))),
    ]);
    return { organisations, persons, cameras };
  }

  async headTerms(organisationId: string): Promise<readonly HeadTerm[]> {
    const json = await this.registry.heads(organisationId);
    return (json?.heads ?? []).map((t) => ({
      personId: t.personId,
      organisationId: json!.organisationId,
      from: new Date(t.from),
      ...(t.to ? { to: new Date(t.to) } : {}),
    }));
  }
}
