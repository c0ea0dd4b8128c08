import { domainErrorOf } from '../errors';
import { parseDivisionCode } from '../organisation/division-code';
import { RequestKind } from '../requests/request-kind';
import { err, ok, Result } from '../result';
import type { RulePackRef } from '../rule-packs/rule-pack';

/** The kinds of access an approval document can authorise: viewing needs none (R17.1). */
export type ApprovalDocumentKind = Exclude<RequestKind, 'VIEW'>;
export const APPROVAL_DOCUMENT_KINDS: readonly ApprovalDocumentKind[] = [
  'COPY',
  'RETRIEVE',
  'DIRECT_ACCESS',
];

/**
 * The approval document (批准文件) of Article 17, presented at hand-over (R18.5). It travels
 * and is signed as JSON, so instants are ISO-8601 UTC strings: the signed bytes are exactly
 * the bytes every party reads back.
 */
export interface ApprovalDocument {
  /**
   * The document's own id (a UUID), signed with it: what custody binds a hand-over and a
   * delivery to. The number is for people; the id is for machines (R18.5).
   */
  readonly documentId: string;
  /**
   * `<division code of the issuing organ>-<3-digit organ serial>-<year>-<6-digit sequence>`.
   * Two organs may share a division code (a city's police and state-security bureaus both
   * hold 610100), so the organ's serial within its division is part of the number, which is
   * therefore unique across organs (R18.5).
   */
  readonly number: string;
  readonly issuingOrganisationId: string;
  readonly requestId: string;
  /** The one organ the document authorises (R18.5): only its officers may take the footage. */
  readonly requestingOrganisationId: string;
  readonly caseReference: string;
  readonly purpose: string;
  /** The two officers who filed and co-signed the request (R18.1). */
  readonly filedBy: { readonly personId: string };
  readonly coSignedBy: { readonly personId: string };
  readonly kind: ApprovalDocumentKind;
  readonly scope: {
    readonly imageSystemIds: readonly string[];
    readonly cameraIds: readonly string[];
    /** The footage time window (or, for direct access, the grant period), half-open. */
    readonly window: { readonly from: string; readonly to: string };
  };
  readonly validFrom: string;
  /** First instant at which the document no longer authorises anything. */
  readonly validUntil: string;
  readonly signer: { readonly personId: string; readonly organisationId: string };
  readonly issuedAt: string;
  /**
   * The rule pack the approval was decided under (issue 21), signed with the rest. Absent from
   * documents issued before: their signed bytes never had it, and they verify as they did.
   */
  readonly rulePack?: RulePackRef;
}

const NUMBER = /^(\d{6}|\d{9}|\d{12})-(\d{3})-(\d{4})-(\d{6})$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
/** China Standard Time, UTC+8 all year (no daylight saving). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface ApprovalDocumentNumber {
  readonly divisionCode: string;
  /** The issuing organ's serial among the organs of its division that issue documents (from 1). */
  readonly organSerial: number;
  readonly year: number;
  readonly sequence: number;
}

/**
 * The year a document is numbered in: the calendar year in China at the instant of issue,
 * so that a document signed on 1 January at 01:00 in Xi'an is numbered in the new year.
 */
export function approvalYearOf(issuedAt: Date): number {
  return new Date(issuedAt.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
}

export function formatApprovalDocumentNumber(
  divisionCode: string,
  organSerial: number,
  year: number,
  sequence: number,
): string {
  return `${divisionCode}-${String(organSerial).padStart(3, '0')}-${String(year).padStart(4, '0')}-${String(sequence).padStart(6, '0')}`;
}

export function parseApprovalDocumentNumber(number: string): Result<ApprovalDocumentNumber> {
  const malformed = (problem: string) =>
    err(domainErrorOf('CUSTOS_R18_5_DOCUMENT_MALFORMED', { number, problem }));
  const match = NUMBER.exec(number);
  if (match === null) {
    return malformed('number is not <division>-<3-digit organ serial>-<year>-<6-digit sequence>');
  }
  const [, divisionCode, organSerial, year, sequence] = match;
  if (!parseDivisionCode(divisionCode).ok) return malformed('number has an invalid division code');
  if (Number(organSerial) === 0) return malformed('number organ serial starts at 001');
  if (Number(sequence) === 0) return malformed('number sequence starts at 000001');
  return ok({
    divisionCode,
    organSerial: Number(organSerial),
    year: Number(year),
    sequence: Number(sequence),
  });
}

function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !ISO_UTC.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function personIdOf(value: unknown): string | undefined {
  const personId = (value as { personId?: unknown } | null)?.personId;
  return typeof personId === 'string' && personId !== '' ? personId : undefined;
}

function isRulePackRef(value: unknown): boolean {
  const ref = value as { id?: unknown; version?: unknown } | null;
  const short = (s: unknown) => typeof s === 'string' && s !== '' && s.length <= 40;
  return typeof ref === 'object' && ref !== null && short(ref.id) && short(ref.version) && Object.keys(ref).length === 2;
}

function nonEmptyStrings(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '');
}

export interface ApprovalDocumentTimes {
  readonly issuedAt: Date;
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly window: { readonly from: Date; readonly to: Date };
}

/**
 * Checks that a document is well formed before it is signed or trusted (R18.5): its id, the
 * requesting organ, request, case reference, purpose and the two distinct officers who filed
 * and co-signed it (R18.1), a number in the issuing organ's series for the year of issue, instants in ISO-8601 UTC, a validity
 * period and a scope window that start before they end, validity no earlier than issue,
 * at least one camera, and a signer acting for the issuing organ. Whether the signer was
 * competent is `assertCompetentApprover`'s question, asked when the document is issued.
 * The document arrives from outside, so its shape is checked, not assumed.
 */
export function validateApprovalDocument(doc: ApprovalDocument): Result<ApprovalDocumentTimes> {
  const malformed = (problem: string) =>
    err(domainErrorOf('CUSTOS_R18_5_DOCUMENT_MALFORMED', { number: doc?.number, problem }));
  if (typeof doc !== 'object' || doc === null) return malformed('not an object');
  if (typeof doc.number !== 'string') return malformed('number missing');
  const number = parseApprovalDocumentNumber(doc.number);
  if (!number.ok) return number;

  for (const field of ['documentId', 'issuingOrganisationId', 'requestId', 'requestingOrganisationId'] as const) {
    if (typeof doc[field] !== 'string' || doc[field] === '') return malformed(`${field} missing`);
  }
  if (typeof doc.caseReference !== 'string' || typeof doc.purpose !== 'string') {
    return malformed('case reference or purpose missing');
  }
  const filer = personIdOf(doc.filedBy);
  const coSigner = personIdOf(doc.coSignedBy);
  if (filer === undefined || coSigner === undefined) return malformed('filing or co-signing officer missing');
  if (filer === coSigner) return malformed('filed and co-signed by the same officer (R18.1)');
  if (!APPROVAL_DOCUMENT_KINDS.includes(doc.kind))
    return malformed('kind is not COPY, RETRIEVE or DIRECT_ACCESS');
  if (
    typeof doc.signer !== 'object' ||
    doc.signer === null ||
    typeof doc.signer.personId !== 'string' ||
    doc.signer.personId === ''
  ) {
    return malformed('signer missing');
  }
  if (doc.signer.organisationId !== doc.issuingOrganisationId) {
    return malformed('signer does not act for the issuing organisation');
  }
  if (
    typeof doc.scope !== 'object' ||
    doc.scope === null ||
    typeof doc.scope.window !== 'object' ||
    doc.scope.window === null
  ) {
    return malformed('scope missing');
  }
  if (!nonEmptyStrings(doc.scope.imageSystemIds) || !nonEmptyStrings(doc.scope.cameraIds)) {
    return malformed('scope ids must be lists of non-empty strings');
  }
  if (doc.scope.cameraIds.length === 0) return malformed('scope names no camera');
  if (doc.rulePack !== undefined && !isRulePackRef(doc.rulePack)) return malformed('rule pack must be {id, version}');

  const issuedAt = parseInstant(doc.issuedAt);
  const validFrom = parseInstant(doc.validFrom);
  const validUntil = parseInstant(doc.validUntil);
  const from = parseInstant(doc.scope.window.from);
  const to = parseInstant(doc.scope.window.to);
  if (
    issuedAt === null ||
    validFrom === null ||
    validUntil === null ||
    from === null ||
    to === null
  ) {
    return malformed('instants must be ISO-8601 UTC (YYYY-MM-DDTHH:mm:ss[.sss]Z)');
  }
  if (approvalYearOf(issuedAt) !== number.value.year)
    return malformed('number year is not the year of issue');
  if (validFrom.getTime() >= validUntil.getTime()) return malformed('validity period is empty');
  if (validFrom.getTime() < issuedAt.getTime()) return malformed('valid before it was issued');
  if (from.getTime() >= to.getTime()) return malformed('scope window is empty');
  return ok({ issuedAt, validFrom, validUntil, window: { from, to } });
}
