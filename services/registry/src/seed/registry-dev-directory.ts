import type { DevDirectoryPage, DevDirectoryQuery, DevPerson, DevUserDirectory, Role } from '@custos/auth';
import { ProjectionRunner } from '@custos/eventstore';
import type { OrganisationType } from '@custos/domain';
import { OfficerAggregate } from '../domain/officer.aggregate';
import { streamOf } from '../database/registry.event-store';
import type { RegistryRepository } from '../database/registry.repository';
import { registrySignInProjection } from './registry-sign-in.projection';

/** The name a head without a name of their own (appointed before heads had names) nor any person record is listed under: the organisation's + 负责人 (its head). */
export const HEAD_TITLE = '负责人';

/**
 * Everyone the registry holds now, as the development issuer should sign them in: officers
 * (OFFICER, with the credential valid now, R18.2), heads in office (APPROVER, R17.2; a head is
 * `from <= now < to`, as isHeadAt) and owners' operators (OWNER_OPERATOR). One row per person:
 * a person in several roles of one organisation gets all of them; a person of several
 * organisations signs in for the first where they are an officer, else head, else operator.
 * $1 now, $2 text filter (ILIKE pattern or null), $3 person ids to keep (or null), $4 person ids
 * to leave out, $5 limit, $6 offset.
 */
const PEOPLE_SQL = `
WITH roles AS (
  SELECT person_id, organisation_id, name, 'OFFICER' AS role, 1 AS rank, seq, id AS officer_id FROM reg_officers
  UNION ALL
  SELECT person_id, organisation_id, name, 'APPROVER', 2, seq, NULL FROM reg_sign_in_head_terms
   WHERE from_at <= $1 AND (to_at IS NULL OR $1 < to_at)
  UNION ALL
  SELECT person_id, organisation_id, name, 'OWNER_OPERATOR', 3, seq, NULL FROM reg_operators
), home AS (
  SELECT DISTINCT ON (person_id) person_id, organisation_id FROM roles ORDER BY person_id, rank, seq
), people AS (
  SELECT r.person_id, r.organisation_id,
         (array_agg(r.name ORDER BY r.rank, r.seq) FILTER (WHERE r.name IS NOT NULL))[1] AS own_name,
         array_agg(DISTINCT r.role) AS roles,
         array_agg(r.officer_id ORDER BY r.seq) FILTER (WHERE r.officer_id IS NOT NULL) AS officer_ids,
         min(r.rank) AS rank, min(r.seq) AS seq
    FROM roles r JOIN home h ON h.person_id = r.person_id AND h.organisation_id = r.organisation_id
   GROUP BY r.person_id, r.organisation_id
), named AS (
  SELECT p.*, o.name AS organisation_name, o.type AS organisation_type, o.division_code,
         coalesce(p.own_name,
                  (SELECT name FROM reg_officers WHERE person_id = p.person_id ORDER BY seq LIMIT 1),
                  (SELECT name FROM reg_operators WHERE person_id = p.person_id ORDER BY seq LIMIT 1),
                  o.name || '${HEAD_TITLE}') AS name
    FROM people p JOIN reg_organisations o ON o.id = p.organisation_id
)
SELECT person_id, organisation_id, name, organisation_name, organisation_type, division_code, roles, officer_ids,
       count(*) OVER () AS total
  FROM named
 WHERE ($2::text IS NULL OR name ILIKE $2 OR organisation_name ILIKE $2 OR person_id ILIKE $2)
   AND ($3::text[] IS NULL OR person_id = ANY($3))
   AND NOT (person_id = ANY($4::text[]))
 ORDER BY rank, seq, person_id
 LIMIT $5 OFFSET $6`;

/** `%text%` for ILIKE, with the pattern characters taken literally. */
function containing(text: string | undefined): string | null {
  const t = text?.trim();
  return t ? `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
}

/**
 * The embedded mode's sign-in directory over the registry's read models: one SQL query per page
 * of people (searchable, paged), then each listed officer's credentials folded by
 * OfficerAggregate from the sign-in projection, so the list costs the page, not the registry.
 * The username is the person id.
 */
export class RegistryDevDirectory implements DevUserDirectory {
  private readonly signIn: ProjectionRunner;

  constructor(private readonly registry: RegistryRepository) {
    this.signIn = new ProjectionRunner(registry.pool, registry.store, registrySignInProjection);
  }

  async find(username: string): Promise<DevPerson | undefined> {
    return (await this.search({ personIds: [username], limit: 1, offset: 0 })).people[0];
  }

  async organisationNames(): Promise<Record<string, string>> {
    const { rows } = await this.registry.pool.query('SELECT id, name FROM reg_organisations');
    return Object.fromEntries(rows.map((r) => [r.id as string, r.name as string]));
  }

  async search(query: DevDirectoryQuery): Promise<DevDirectoryPage> {
    await this.catchUp();
    const now = this.registry.now();
    const { rows } = await this.registry.pool.query(PEOPLE_SQL, [
      now,
      containing(query.text),
      query.personIds ? [...query.personIds] : null,
      [...(query.excludePersonIds ?? [])],
      query.limit,
      query.offset,
    ]);
    const credentials = await this.credentialsNow(rows.flatMap((r) => (r.officer_ids as string[] | null) ?? []), now);
    const people = rows.map((r): DevPerson => {
      const credentialNumber = ((r.officer_ids as string[] | null) ?? []).map((id) => credentials.get(id)).find(Boolean);
      return {
        username: r.person_id,
        name: r.name,
        organisationName: r.organisation_name,
        principal: {
          personId: r.person_id,
          organisationId: r.organisation_id,
          organisationType: r.organisation_type as OrganisationType,
          divisionCode: r.division_code,
          roles: r.roles as Role[],
          ...(credentialNumber ? { credentialNumber } : {}),
        },
      };
    });
    return { people, total: rows.length > 0 ? Number(rows[0].total) : await this.totalBeyond(query) };
  }

  /** Both read models up to the log's end (whoever was registered before this call is listed), side by side. */
  private catchUp(): Promise<unknown> {
    return Promise.all([this.registry.lists.catchUp(), this.signIn.catchUp()]);
  }

  /** Officer id → the credential the officer holds now (R18.2), as the officer's aggregate answers it. */
  private async credentialsNow(officerIds: readonly string[], now: Date): Promise<Map<string, string>> {
    if (officerIds.length === 0) return new Map();
    const { rows } = await this.registry.pool.query(
      `SELECT officer_id, type, schema_version, payload FROM reg_sign_in_credential_events
        WHERE officer_id = ANY($1) ORDER BY seq`,
      [officerIds],
    );
    const officers = new Map<string, OfficerAggregate>();
    for (const r of rows) {
      const officer = officers.get(r.officer_id) ?? new OfficerAggregate(streamOf.officer(r.officer_id));
      officer.loadFromHistory([{ type: r.type, schemaVersion: r.schema_version, payload: r.payload }]);
      officers.set(r.officer_id, officer);
    }
    return new Map(
      [...officers].flatMap(([id, o]) => {
        const n = o.qualificationAt(now).credentialNumber;
        return n ? [[id, n] as const] : [];
      }),
    );
  }

  /** The total when the page holds no one: an offset past the last person, or a page of none. */
  private async totalBeyond(query: DevDirectoryQuery): Promise<number> {
    if (query.offset === 0 && query.limit > 0) return 0;
    return (await this.search({ ...query, offset: 0, limit: 1 })).total;
  }
}
