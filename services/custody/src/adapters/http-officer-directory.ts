import type { Officer, Organisation, OrganisationLevel, OrganisationType, Qualification, QualificationStatus } from '@custos/domain';
import { qualificationValidAt } from '@custos/domain';
import type { OfficerDirectory } from '../domain/officer-directory.port';
import { fetchOperatorOrganisations, getJson, HttpServiceClientOptions } from '@custos/platform';

/** `GET /organisations/:id` of the registry service. */
interface OrganisationJson {
  readonly id: string;
  readonly type: string;
  readonly level: string;
  readonly divisionCode: string;
}

/** `GET /officers/:id` of the registry service, with every credential. */
interface OfficerJson {
  readonly id: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly qualifications: readonly {
    readonly credentialNumber: string;
    readonly issuedAt: string;
    readonly expiresAt: string;
    readonly statusHistory: readonly { readonly status: string; readonly since: string }[];
  }[];
}

/** What an officer without any credential on record shows: no status, so never valid (R18.2). */
const NO_CREDENTIAL: Qualification = { credentialNumber: '', issuedAt: new Date(0), expiresAt: new Date(0), statusHistory: [] };

export interface HttpOfficerDirectoryOptions extends HttpServiceClientOptions {
  /** "Now", to tell which credential is currently active. */
  readonly clock?: () => Date;
}

/**
 * Officers and organisations from the registry's API (R18.2), with custody's own token: the
 * officer is looked up by person id (`GET /officers?personId=`), then read whole
 * (`GET /officers/:id`). Nothing is cached: a suspension takes effect at the next hand-over.
 */
export class HttpOfficerDirectory implements OfficerDirectory {
  constructor(private readonly options: HttpOfficerDirectoryOptions) {}

  async organisation(id: string): Promise<Organisation | undefined> {
    const json = await getJson<OrganisationJson>(this.options, 'registry', `/organisations/${encodeURIComponent(id)}`);
    return json && { id: json.id, type: json.type as OrganisationType, level: json.level as OrganisationLevel, divisionCode: json.divisionCode };
  }

  operatorOrganisations(personId: string): Promise<readonly string[]> {
    return fetchOperatorOrganisations(this.options, personId);
  }

  /** The officer with the credential they show when on record, else the newest one active now, else the newest. */
  async officer(personId: string, credentialNumber?: string): Promise<Officer | undefined> {
    const page = await getJson<{ items: readonly { id: string }[] }>(
      this.options,
      'registry',
      `/officers?personId=${encodeURIComponent(personId)}&limit=200`,
    );
    const entries: OfficerJson[] = [];
    for (const { id } of page?.items ?? []) {
      const entry = await getJson<OfficerJson>(this.options, 'registry', `/officers/${encodeURIComponent(id)}`);
      if (entry !== undefined && entry.personId === personId) entries.push(entry);
    }
    if (entries.length === 0) return undefined;
    const newestFirst = entries
      .flatMap((entry) => entry.qualifications.map((q) => ({ entry, qualification: qualificationOf(q) })))
      .sort((a, b) => b.qualification.issuedAt.getTime() - a.qualification.issuedAt.getTime());
    const now = (this.options.clock ?? (() => new Date()))();
    const chosen =
      (credentialNumber !== undefined ? newestFirst.find((c) => c.qualification.credentialNumber === credentialNumber) : undefined) ??
      newestFirst.find((c) => qualificationValidAt(c.qualification, now)) ??
      newestFirst[0];
    const entry = chosen?.entry ?? entries[0];
    return { personId: entry.personId, organisationId: entry.organisationId, qualification: chosen?.qualification ?? NO_CREDENTIAL };
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
