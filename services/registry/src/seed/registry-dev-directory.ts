import type { DevPerson, DevUserDirectory, Role } from '@custos/auth';
import type { OrganisationType } from '@custos/domain';
import type { RegistryContext } from '../registry.context';

const MAX_PEOPLE = 1000;

/**
 * The embedded mode's sign-in directory: everyone the registry holds now, as the development
 * issuer should sign them in: officers (OFFICER, with the credential valid now, R18.2), heads in
 * office (APPROVER, R17.2) and owners' operators (OWNER_OPERATOR). The username is the person
 * id; a person in several of these roles of one organisation gets all of them.
 */
export class RegistryDevDirectory implements DevUserDirectory {
  constructor(private readonly registry: RegistryContext) {}

  async find(username: string): Promise<DevPerson | undefined> {
    return (await this.people()).find((p) => p.username === username);
  }

  async organisationNames(): Promise<Record<string, string>> {
    const { rows } = await this.registry.pool.query('SELECT id, name FROM reg_organisations');
    return Object.fromEntries(rows.map((r) => [r.id as string, r.name as string]));
  }

  async people(): Promise<DevPerson[]> {
    const { pool } = this.registry;
    const now = this.registry.now();
    const orgs = new Map(
      (await pool.query('SELECT id, name, type, division_code FROM reg_organisations ORDER BY seq')).rows.map((r) => [
        r.id as string,
        { name: r.name as string, type: r.type as OrganisationType, divisionCode: r.division_code as string },
      ]),
    );
    const found = new Map<
      string,
      { name: string; organisationId: string; roles: Set<Role>; credentialNumber?: string }
    >();
    const add = (
      personId: string,
      name: string | undefined,
      organisationId: string,
      role: Role,
      credentialNumber?: string,
    ) => {
      const known = found.get(personId);
      if (known && known.organisationId !== organisationId) return; // one organisation per sign-in
      const entry = known ?? { name: name ?? personId, organisationId, roles: new Set<Role>() };
      if (name && entry.name === personId) entry.name = name;
      entry.roles.add(role);
      if (credentialNumber) entry.credentialNumber = credentialNumber;
      found.set(personId, entry);
    };
    const officers = await pool.query(
      `SELECT id, person_id, organisation_id, name FROM reg_officers ORDER BY seq LIMIT ${MAX_PEOPLE}`,
    );
    for (const r of officers.rows) {
      const officer = await this.registry.officer(r.id as string);
      add(
        r.person_id,
        r.name,
        r.organisation_id,
        'OFFICER',
        officer.qualificationAt(now).credentialNumber ?? undefined,
      );
    }
    for (const id of orgs.keys()) {
      for (const term of (await this.registry.organisation(id)).headsAt(now))
        add(term.personId, undefined, id, 'APPROVER');
    }
    const operators = await pool.query(
      `SELECT person_id, organisation_id, name FROM reg_operators ORDER BY seq LIMIT ${MAX_PEOPLE}`,
    );
    for (const r of operators.rows) add(r.person_id, r.name, r.organisation_id, 'OWNER_OPERATOR');

    return [...found].flatMap(([personId, p]) => {
      const org = orgs.get(p.organisationId);
      if (!org) return [];
      return [
        {
          username: personId,
          name: p.name,
          organisationName: org.name,
          principal: {
            personId,
            organisationId: p.organisationId,
            organisationType: org.type,
            divisionCode: org.divisionCode,
            roles: [...p.roles],
            ...(p.credentialNumber ? { credentialNumber: p.credentialNumber } : {}),
          },
        },
      ];
    });
  }
}
