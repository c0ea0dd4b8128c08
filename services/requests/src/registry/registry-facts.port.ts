import type { Officer, Organisation } from '@custos/domain';

/**
 * What the requests service needs to know from the registry (services/registry), as a port:
 * the service never imports registry code; an adapter answers these questions (HTTP in a
 * deployment, in memory in tests and the embedded demo).
 */
export interface CameraFacts {
  readonly id: string;
  readonly imageSystemId: string;
  /** The system owner, whose fulfilment queue receives the request (R16.5). */
  readonly ownerOrganisationId: string;
  /** The system's retention in days (at least 30, R16.7); absent means the legal minimum. */
  readonly retentionDays?: number;
}

/** An image system: its owner and the PSB supervising it, to whom an overdue request is escalated (R16.5). */
export interface SystemFacts {
  readonly id: string;
  readonly ownerOrganisationId: string;
  /** The lowest PSB of county level or above whose jurisdiction covers the system; null when the registry holds none. */
  readonly supervisingOrganisationId: string | null;
}

export interface RequestsRegistryFacts {
  organisation(id: string): Promise<Organisation | undefined>;
  /**
   * The officer with their qualification history (R18.2), whatever their standing today. An
   * officer may hold several credentials over time: the one numbered `credentialNumber` (the
   * credential the officer presents) when given, else the newest one active now.
   */
  officer(personId: string, credentialNumber?: string): Promise<Officer | undefined>;
  camera(id: string): Promise<CameraFacts | undefined>;
  system(id: string): Promise<SystemFacts | undefined>;
  /** The organisations the registry holds `personId` as an operator of (R16.2): what an owner's token may claim (issue 16). */
  operatorOrganisations(personId: string): Promise<readonly string[]>;
}

export const REQUESTS_REGISTRY_FACTS = Symbol('REQUESTS_REGISTRY_FACTS');
