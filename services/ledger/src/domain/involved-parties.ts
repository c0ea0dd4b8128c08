import {
  idOfRegistryStream,
  REGISTRY_CAMERA_REGISTERED,
  REGISTRY_IMAGE_SYSTEM_REGISTERED,
  REGISTRY_ORGANISATION_REGISTERED,
  registryStreamOf,
} from '@custos/contracts';

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
  /** Image systems and cameras the payload names, placed through the registry's facts (`systemPlacement`, `cameraPlacement`). */
  readonly systems: readonly string[];
  readonly cameras: readonly string[];
  /** `registry.OrganisationRegistered`: the organisation (its public id, not its stream id) and its jurisdiction. */
  readonly placement?: { readonly organisationId: string; readonly divisionCode: string };
  /** `registry.ImageSystemRegistered`: the system and the division where it stands. */
  readonly systemPlacement?: { readonly systemId: string; readonly divisionCode: string };
  /** `registry.CameraRegistered`: the camera and its system. */
  readonly cameraPlacement?: { readonly cameraId: string; readonly systemId: string };
}

const NONE: InvolvedParties = { organisations: [], divisions: [], systems: [], cameras: [] };

/** `organisationId`, `ownerOrganisationId`, `receivingOrganisationId`, `toOrganisationId`… */
const ORGANISATION_ID = /^(?:organisationId|[a-z][A-Za-z]*OrganisationId)$/;
/** `ownerOrganisationIds`. */
const ORGANISATION_IDS = /^[a-z][A-Za-z]*OrganisationIds$/;
/** `requestingOrganisation: { id, divisionCode }` (a snapshot of an organisation). */
const ORGANISATION_OBJECT = /^[a-z][A-Za-z]*Organisation$/;
/** `divisionCode`, `receivingDivisionCode`, `ownerDivisionCode`. */
const DIVISION_CODE = /^(?:divisionCode|[a-z][A-Za-z]*DivisionCode)$/;
const DIVISION_SHAPE = /^\d{6}(?:\d{3}){0,2}$/;
/** `imageSystemId`, `systemId`: a system the registry places (R5.1: where it stands). */
const SYSTEM_ID = /^(?:imageSystemId|systemId)$/;
/** `cameraId`, `cameraIds`: a camera of a system. */
const CAMERA_ID = /^cameraId$/;
const CAMERA_IDS = /^cameraIds$/;
/**
 * A refusal (`storage.OriginalAlterationRefused`, `custody.HandOverRefused`, …: facts are named
 * in the past tense, refusals `…Refused`). Its actor and the organisations its payload names are
 * the refused caller and their claims: were they involved, anyone could read an aggregate's
 * history by getting refused on it (DELETE /footage/segments/<a guessed id>).
 */
const REFUSAL_TYPE = /\.[A-Za-z]*Refused$/;
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

interface Found {
  readonly organisations: Set<string>;
  readonly divisions: Set<string>;
  readonly systems: Set<string>;
  readonly cameras: Set<string>;
}

function walk(value: unknown, depth: number, found: Found): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, depth + 1, found);
    return;
  }
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (ORGANISATION_ID.test(key) && isId(field)) found.organisations.add(field);
    else if (ORGANISATION_IDS.test(key) && Array.isArray(field))
      field.filter(isId).forEach((id) => found.organisations.add(id));
    else if (DIVISION_CODE.test(key) && typeof field === 'string' && DIVISION_SHAPE.test(field))
      found.divisions.add(field);
    else if (SYSTEM_ID.test(key) && isId(field)) found.systems.add(field);
    else if (CAMERA_ID.test(key) && isId(field)) found.cameras.add(field);
    else if (CAMERA_IDS.test(key) && Array.isArray(field)) field.filter(isId).forEach((id) => found.cameras.add(id));
    else {
      if (ORGANISATION_OBJECT.test(key) && isId((field as { id?: unknown } | null)?.id)) {
        found.organisations.add((field as { id: string }).id);
      }
      walk(field, depth + 1, found);
    }
  }
}

const REGISTRY_STREAM = {
  [REGISTRY_ORGANISATION_REGISTERED]: registryStreamOf.organisation(''),
  [REGISTRY_IMAGE_SYSTEM_REGISTERED]: registryStreamOf.system(''),
  [REGISTRY_CAMERA_REGISTERED]: registryStreamOf.system(''),
} as const;

/**
 * The public id of the registry record a registry fact is about (`organisation:org-1` →
 * `org-1`), or undefined when the event is not the registry's own fact of that type on a stream
 * of that kind: another service's event of the same name places nothing.
 */
function registryRecordOf(event: { service?: unknown }, aggregateId: string, type: string): string | undefined {
  const prefix = (REGISTRY_STREAM as Record<string, string | undefined>)[type];
  if (prefix === undefined || event.service !== 'registry' || !aggregateId.startsWith(prefix)) return undefined;
  const id = idOfRegistryStream(aggregateId);
  return isId(id) ? id : undefined;
}

/** The parties of one ledger entry (its canonical envelope bytes); none when it is not an envelope. */
export function involvedParties(entry: Buffer, aggregateId: string, type: string): InvolvedParties {
  // aggregateId and type are the columns recorded with the entry, read from the same envelope.
  if (isSharedStream(aggregateId) || REFUSAL_TYPE.test(type)) return NONE;
  let event: { service?: unknown; actor?: { organisationId?: unknown }; payload?: unknown };
  try {
    event = JSON.parse(entry.toString('utf8'));
  } catch {
    // Only envelopes are appended; a row that does not parse was altered, which the verifier names.
    return NONE;
  }
  if (event === null || typeof event !== 'object') return NONE;
  const found: Found = { organisations: new Set(), divisions: new Set(), systems: new Set(), cameras: new Set() };
  if (isId(event.actor?.organisationId)) found.organisations.add(event.actor.organisationId);
  walk(event.payload, 0, found);
  const parties = {
    organisations: [...found.organisations],
    divisions: [...found.divisions],
    systems: [...found.systems],
    cameras: [...found.cameras],
  };
  const record = registryRecordOf(event, aggregateId, type);
  if (record === undefined) return parties;
  const payload = event.payload as { divisionCode?: unknown; cameraId?: unknown } | undefined;
  const division = payload?.divisionCode;
  const placed = typeof division === 'string' && DIVISION_SHAPE.test(division) ? division : undefined;
  if (type === REGISTRY_ORGANISATION_REGISTERED && placed !== undefined) {
    // The organisation's own registry history involves the organisation itself.
    return {
      ...parties,
      organisations: [...new Set([...parties.organisations, record])],
      placement: { organisationId: record, divisionCode: placed },
    };
  }
  if (type === REGISTRY_IMAGE_SYSTEM_REGISTERED && placed !== undefined) {
    return { ...parties, systemPlacement: { systemId: record, divisionCode: placed } };
  }
  if (type === REGISTRY_CAMERA_REGISTERED && isId(payload?.cameraId)) {
    return { ...parties, cameraPlacement: { cameraId: payload.cameraId, systemId: record } };
  }
  return parties;
}
