import type { Principal } from '../principal/principal';

/** A person the development issuer can sign in as, with the names the sign-in page shows. */
export interface DevPerson {
  readonly username: string;
  readonly name: string;
  readonly organisationName: string;
  readonly principal: Omit<Principal, 'subject'> & { readonly subject?: string };
}

/** A page of the directory: people whose name, organisation or person id contains `text`. */
export interface DevDirectoryQuery {
  readonly text?: string;
  /** Only these people (by person id), e.g. to name the seeded users. */
  readonly personIds?: readonly string[];
  /** Not these people (the seeded users, listed under their own usernames). */
  readonly excludePersonIds?: readonly string[];
  readonly limit: number;
  readonly offset: number;
}

export interface DevDirectoryPage {
  readonly people: readonly DevPerson[];
  /** How many match the query in all. */
  readonly total: number;
}

/**
 * Where the development issuer finds people beyond its seeded users: in Custos, the registry
 * (its officers, heads and operators). Read at issue time, so a person registered a moment
 * ago can sign in, with the roles, organisation and credential the registry holds now.
 */
export interface DevUserDirectory {
  /** Who may sign in, a page at a time, for the console's sign-in list (cheap: one page, not everyone). */
  search(query: DevDirectoryQuery): Promise<DevDirectoryPage>;
  /** One person by username, as the registry says now; undefined when unknown. */
  find(username: string): Promise<DevPerson | undefined>;
  /** Organisation id → name, to name the organisation of a seeded user the directory lacks. */
  organisationNames?(): Promise<Readonly<Record<string, string>>>;
}

export const DEV_USER_DIRECTORY = Symbol('DEV_USER_DIRECTORY');
