import { qualificationValidAt } from '@custos/domain';
import type { Officer, Organisation, OrganisationLevel, OrganisationType, Qualification, QualificationStatus } from '@custos/domain';
import { getJson, HttpServiceClientOptions } from './http-json';

/**
 * The registry service's read API, as services/registry/src/queries answers it (checked against
 * a running registry by deploy/embedded/registry-facts.int-spec.ts), declared once for every
 * service that calls it. Each service maps these answers onto its own port. Each type names only
 * the fields the services read, so the registry may add fields without breaking them.
 */

/** `GET /organisations/:id`. */
export interface OrganisationJson {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly level: string;
  readonly divisionCode: string;
}

/** `GET /organisations/:id/heads`: every head term when `at` is absent. */
export interface HeadsJson {
  readonly organisationId: string;
  readonly at: string | null;
  readonly heads: readonly { readonly personId: string; readonly from: string; readonly to: string | null }[];
}

/** An entry of `GET /officers?personId=` (the registry's officer id is not the person id). */
export interface OfficerSummaryJson {
  readonly id: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly name: string;
}

/** `GET /officers/:id`, with every credential. */
export interface OfficerJson extends OfficerSummaryJson {
  readonly qualifications: readonly QualificationJson[];
}

export interface QualificationJson {
  readonly credentialNumber: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly statusHistory: readonly { readonly status: string; readonly since: string }[];
}

/** `GET /cameras/:id`. */
export interface CameraJson {
  readonly id: string;
  readonly imageSystemId: string;
  readonly ownerOrganisationId: string;
  readonly name: string;
  /** The system's retention when the registry holds one; absent means the legal minimum (R16.7). */
  readonly retentionDays?: number;
}

/** `GET /systems/:id`: its owner and supervising organisation. */
export interface SystemJson {
  readonly id: string;
  readonly ownerOrganisationId: string;
  readonly supervisingOrganisationId?: string | null;
}

/** An entry of `GET /operators?personId=`. */
export interface OperatorJson {
  readonly personId: string;
  readonly organisationId: string;
}

/** A page of a registry list. */
export interface RegistryPageJson<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string | null;
}

/** The most entries one lookup by person reads (a person holds a handful). */
const PERSON_LOOKUP_LIMIT = 200;

/**
 * The registry's read API with this service's own token. Each read answers the registry's JSON,
 * or undefined for a 404 ("no such thing"); a failing registry is a coded 502/503 (`getJson`).
 */
export class RegistryClient {
  constructor(private readonly options: HttpServiceClientOptions) {}

  organisation(id: string): Promise<OrganisationJson | undefined> {
    return this.get(`/v1/organisations/${encodeURIComponent(id)}`);
  }

  heads(organisationId: string): Promise<HeadsJson | undefined> {
    return this.get(`/v1/organisations/${encodeURIComponent(organisationId)}/heads`);
  }

  /** The officer entries of a person (the first page, at most `limit`). */
  async officersOfPerson(personId: string, limit = PERSON_LOOKUP_LIMIT): Promise<readonly OfficerSummaryJson[]> {
    const page = await this.get<RegistryPageJson<OfficerSummaryJson>>(`/v1/officers?personId=${encodeURIComponent(personId)}&limit=${limit}`);
    return page?.items ?? [];
  }

  officer(id: string): Promise<OfficerJson | undefined> {
    return this.get(`/v1/officers/${encodeURIComponent(id)}`);
  }

  camera(id: string): Promise<CameraJson | undefined> {
    return this.get(`/v1/cameras/${encodeURIComponent(id)}`);
  }

  system(id: string): Promise<SystemJson | undefined> {
    return this.get(`/v1/systems/${encodeURIComponent(id)}`);
  }

  /** The organisations the registry holds the person as an operator of (R16.2). */
  async operatorOrganisations(personId: string): Promise<readonly string[]> {
    const page = await this.get<RegistryPageJson<OperatorJson>>(`/v1/operators?personId=${encodeURIComponent(personId)}&limit=${PERSON_LOOKUP_LIMIT}`);
    return (page?.items ?? []).filter((o) => o.personId === personId).map((o) => o.organisationId);
  }

  private get<T>(path: string): Promise<T | undefined> {
    return getJson<T>(this.options, 'registry', path);
  }
}

/** The registry's organisation as the domain knows it. */
export function organisationFromJson(json: OrganisationJson): Organisation {
  return { id: json.id, type: json.type as OrganisationType, level: json.level as OrganisationLevel, divisionCode: json.divisionCode };
}

/** What an officer without any credential on record shows: no status, so never valid (R18.2). */
const NO_CREDENTIAL: Qualification = { credentialNumber: '', issuedAt: new Date(0), expiresAt: new Date(0), statusHistory: [] };

/**
 * The officer with the credential that matters (R18.2), from their registry entries: the one
 * numbered `credentialNumber` when given and on record, else the newest credential active `now`,
 * else the newest one; undefined without entries.
 */
export function officerWithCredential(entries: readonly OfficerJson[], credentialNumber: string | undefined, now: Date): Officer | undefined {
  if (entries.length === 0) return undefined;
  const newestFirst = entries
    .flatMap((entry) => entry.qualifications.map((q) => ({ entry, qualification: qualificationFromJson(q) })))
    .sort((a, b) => b.qualification.issuedAt.getTime() - a.qualification.issuedAt.getTime());
  const chosen =
    (credentialNumber !== undefined ? newestFirst.find((c) => c.qualification.credentialNumber === credentialNumber) : undefined) ??
    newestFirst.find((c) => qualificationValidAt(c.qualification, now)) ??
    newestFirst[0];
  const entry = chosen?.entry ?? entries[0];
  return { personId: entry.personId, organisationId: entry.organisationId, qualification: chosen?.qualification ?? NO_CREDENTIAL };
}

function qualificationFromJson(q: QualificationJson): Qualification {
  return {
    credentialNumber: q.credentialNumber,
    issuedAt: new Date(q.issuedAt),
    expiresAt: new Date(q.expiresAt),
    statusHistory: q.statusHistory.map((s) => ({ status: s.status as QualificationStatus, since: new Date(s.since) })),
  };
}
