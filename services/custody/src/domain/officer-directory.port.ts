import type { Officer, Organisation } from '@custos/domain';

/**
 * What custody needs to know from the registry (services/registry), as a port: the officers
 * with their qualification history (R18.2) and the organisations' divisions (R16.6).
 */
export interface OfficerDirectory {
  /** The officer, with the credential numbered `credentialNumber` when given and on record. */
  officer(personId: string, credentialNumber?: string): Promise<Officer | undefined>;
  organisation(id: string): Promise<Organisation | undefined>;
  /** The organisations the registry holds `personId` as an operator of (R16.2): what an owner's token may claim. */
  operatorOrganisations(personId: string): Promise<readonly string[]>;
}

export class InMemoryOfficerDirectory implements OfficerDirectory {
  private readonly officers = new Map<string, Officer>();
  private readonly organisations = new Map<string, Organisation>();
  private readonly operators: readonly { personId: string; organisationId: string }[];

  constructor(
    seed: {
      officers?: readonly Officer[];
      organisations?: readonly Organisation[];
      operators?: readonly { personId: string; organisationId: string }[];
    } = {},
  ) {
    for (const o of seed.officers ?? []) this.officers.set(o.personId, o);
    for (const o of seed.organisations ?? []) this.organisations.set(o.id, o);
    this.operators = seed.operators ?? [];
  }

  /** Replaces what the registry holds for an officer (a qualification suspended or renewed). */
  put(officer: Officer): void {
    this.officers.set(officer.personId, officer);
  }

  async officer(personId: string): Promise<Officer | undefined> {
    return this.officers.get(personId);
  }

  async organisation(id: string): Promise<Organisation | undefined> {
    return this.organisations.get(id);
  }

  async operatorOrganisations(personId: string): Promise<readonly string[]> {
    return this.operators.filter((o) => o.personId === personId).map((o) => o.organisationId);
  }
}
