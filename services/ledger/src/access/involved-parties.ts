import { REGISTRY_ORGANISATION_REGISTERED } from '@custos/contracts';

/**
 * Who one event involves, as far as the ledger's access rules (R5.1) are concerned. Read from
 * the entry alone: the ledger takes events of every type, including types it does not know,
 * so the payload is searched by key name rather than by schema.
 */
export interface InvolvedParties {
  /** The actor's organisation and every organisation named in the payload. */
  readonly organisations: readonly string[];
  /** Every division code named in the payload (where a system sits, a requester's division…). */
  readonly divisions: readonly string[];
  /** `registry.OrganisationRegistered`: the organisation and its jurisdiction. */
  readonly placement?: { readonly organisationId: string; readonly divisionCode: string };
}

const NONE: InvolvedParties = { organisations: [], divisions: [] };

/** `organisationId`, `ownerOrganisationId`, `receivingOrganisationId`, `toOrganisationId`… */
const ORGANISATION_ID = /^(?:organisationId|[a-z][A-Za-z]*OrganisationId)$/;
/** `ownerOrganisationIds`. */
const ORGANISATION_IDS = /^[a-z][A-Za-z]*OrganisationIds$/;
/** `requestingOrganisation: { id, divisionCode }` (a snapshot of an organisation). */
const ORGANISATION_OBJECT = /^[a-z][A-Za-z]*Organisation$/;
/** `divisionCode`, `receivingDivisionCode`, `ownerDivisionCode`. */
const DIVISION_CODE = /^(?:divisionCode|[a-z][A-Za-z]*DivisionCode)$/;
const DIVISION_SHAPE = /^\d{6}(?:\d{3}){0,2}$/;
const MAX_ID = 200;
/** Deep enough for `officers[].organisationId` and a signed document's fields, bounded for odd payloads. */
const MAX_DEPTH = 5;

/**
 * Streams shared by every organisation of a service: its access denials and the ledger's gap
 * alarms. Involvement in one of their events must not open the whole stream (one denied
 * caller would read everyone's denials), so they are indexed with nobody involved and only a
 * whole-log reader sees them.
 */
const SHARED_STREAM_PREFIXES = ['access-denials:', 'sequence-gaps:'] as const;

export function isSharedStream(aggregateId: string): boolean {
  return SHARED_STREAM_PREFIXES.some((prefix) => aggregateId.startsWith(prefix));
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;

function walk(value: unknown, depth: number, organisations: Set<string>, divisions: Set<string>): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, depth + 1, organisations, divisions);
    return;
  }
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (ORGANISATION_ID.test(key) && isId(field)) organisations.add(field);
    else if (ORGANISATION_IDS.test(key) && Array.isArray(field))
      field.filter(isId).forEach((id) => organisations.add(id));
    else if (DIVISION_CODE.test(key) && typeof field === 'string' && DIVISION_SHAPE.test(field)) divisions.add(field);
    else {
      if (ORGANISATION_OBJECT.test(key) && isId((field as { id?: unknown } | null)?.id)) {
        organisations.add((field as { id: string }).id);
      }
      walk(field, depth + 1, organisations, divisions);
    }
  }
}

/** The parties of one ledger entry (its canonical envelope bytes); none when it is not an envelope. */
export function involvedParties(entry: Buffer, aggregateId: string, type: string): InvolvedParties {
  // aggregateId and type are the columns recorded with the entry, read from the same envelope.
  if (isSharedStream(aggregateId)) return NONE;
  let event: { service?: unknown; actor?: { organisationId?: unknown }; payload?: unknown };
  try {
    event = JSON.parse(entry.toString('utf8'));
  } catch {
    // Only envelopes are appended; a row that does not parse was altered, which the verifier names.
    return NONE;
  }
  if (event === null || typeof event !== 'object') return NONE;
  const organisations = new Set<string>();
  const divisions = new Set<string>();
  if (isId(event.actor?.organisationId)) organisations.add(event.actor.organisationId);
  walk(event.payload, 0, organisations, divisions);
  const division = (event.payload as { divisionCode?: unknown } | undefined)?.divisionCode;
  const registered =
    type === REGISTRY_ORGANISATION_REGISTERED &&
    // Only the registry places organisations: another service's event of that name is not its fact.
    event.service === 'registry' &&
    typeof division === 'string' &&
    DIVISION_SHAPE.test(division);
  if (registered) {
    // The organisation's own registry history involves the organisation itself.
    organisations.add(aggregateId);
    return {
      organisations: [...organisations],
      divisions: [...divisions],
      placement: { organisationId: aggregateId, divisionCode: division },
    };
  }
  return { organisations: [...organisations], divisions: [...divisions] };
}
