import type { Principal } from '../principal/principal';

/** A person the development issuer can sign in as, with the names the sign-in page shows. */
export interface DevPerson {
  readonly username: string;
  readonly name: string;
  readonly organisationName: string;
  readonly principal: Omit<Principal, 'subject'> & { readonly subject?: string };
}

/**
 * Where the development issuer finds people beyond its seeded users: in Custos, the registry
 * (its officers, heads and operators). Read at issue time, so a person registered a moment
 * ago can sign in, with the roles, organisation and credential the registry holds now.
 */
export interface DevUserDirectory {
  /** Everyone who may sign in, for the console's sign-in list. */
  people(): Promise<readonly DevPerson[]>;
  /** One person by username, as the registry says now; undefined when unknown. */
  find(username: string): Promise<DevPerson | undefined>;
  /** Organisation id → name, to name the organisation of a seeded user the directory lacks. */
  organisationNames?(): Promise<Readonly<Record<string, string>>>;
}

export const DEV_USER_DIRECTORY = Symbol('DEV_USER_DIRECTORY');
