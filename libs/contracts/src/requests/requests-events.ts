import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EventDefinition } from '../event-registry';
import { RefusalFacts } from '../refusals';
import { DecidedUnderRulePack } from '../rule-pack-record';

/**
 * The requests service's facts (issue 5, Articles 17–18): an access request is filed by one
 * officer, co-signed by a second (R18.1–R18.2), withdrawn or expired; an owner's attempt to
 * charge a fee is refused and recorded (R17.5). The aggregate id is the request id.
 * The enumerations repeat the domain's (contracts import nothing of ours).
 */
export const REQUEST_FILED = 'requests.RequestFiled';
export const REQUEST_CO_SIGNED = 'requests.RequestCoSigned';
export const REQUEST_WITHDRAWN = 'requests.RequestWithdrawn';
export const REQUEST_EXPIRED = 'requests.RequestExpired';
export const FEE_CHARGE_REFUSED = 'requests.FeeChargeRefused';
export const REQUEST_STEP_REFUSED = 'requests.RequestStepRefused';
export const FULFILMENT_OVERDUE_ESCALATED = 'requests.FulfilmentOverdueEscalated';
// FEE appended (issue 16): a fee attempt refused before it is recorded as requests.FeeChargeRefused.
export const REQUEST_STEPS = ['FILE', 'CO_SIGN', 'WITHDRAW', 'FEE'] as const;
export type RequestStep = (typeof REQUEST_STEPS)[number];

export const REQUEST_KINDS_V1 = ['VIEW', 'COPY', 'RETRIEVE', 'DIRECT_ACCESS'] as const;
// JUDICIAL and EMERGENCY_ADMIN: the national regulation's organs (CN2025-USE), appended (issue 21).
export const REQUEST_ORGANISATION_TYPES = ['PUBLIC_SECURITY', 'STATE_SECURITY', 'OTHER_ADMIN', 'OWNER', 'OVERSIGHT', 'JUDICIAL', 'EMERGENCY_ADMIN'] as const;
export const REQUEST_ORGANISATION_LEVELS = ['BELOW_COUNTY', 'COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'] as const;
const DIVISION = /^(?:\d{6}|\d{9}|\d{12})$/;
const ID = 200;

/** The requesting organ as the registry described it when the request was filed. */
export class RequesterSnapshot {
  @IsString() @MinLength(1) @MaxLength(ID) id!: string;
  @IsIn(REQUEST_ORGANISATION_TYPES) type!: string;
  @IsIn(REQUEST_ORGANISATION_LEVELS) level!: string;
  @Matches(DIVISION) divisionCode!: string;
}

/** An officer who signed, with the credential number shown (R18.2), recorded for the register (R16.6). */
export class RequestOfficerSignature {
  @IsString() @MinLength(1) @MaxLength(ID) personId!: string;
  @IsString() @MinLength(1) @MaxLength(ID) credentialNumber!: string;
}

/** A half-open window [from, to) of recorded footage, or the period of a direct-access grant. */
export class RequestWindowPayload {
  @IsISO8601() from!: string;
  @IsISO8601() to!: string;
}

export class RequestFiled extends DecidedUnderRulePack {
  @IsIn(REQUEST_KINDS_V1) kind!: string;
  @ValidateNested() @Type(() => RequesterSnapshot) requestingOrganisation!: RequesterSnapshot;
  @IsString() @MinLength(1) @MaxLength(100) caseReference!: string;
  @IsString() @MinLength(1) @MaxLength(2000) purpose!: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) imageSystemIds!: string[];
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsString({ each: true }) cameraIds!: string[];
  /** Owners of the targeted systems, as the registry said when the request was filed. */
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) ownerOrganisationIds!: string[];
  /** Where the targeted systems stand (their owners' divisions), for territorial competence (R17.3); absent before it was recorded. */
  @IsOptional() @IsArray() @Matches(DIVISION, { each: true }) systemDivisionCodes?: string[];
  @ValidateNested() @Type(() => RequestWindowPayload) window!: RequestWindowPayload;
  @ValidateNested() @Type(() => RequestOfficerSignature) filer!: RequestOfficerSignature;
  @IsISO8601() filedAt!: string;
  /** Without a second officer's signature by then, the request expires (R18.1). */
  @IsISO8601() coSignDeadline!: string;
}

/** The second officer signed (R18.1–R18.2): the request is registered (R18.3). */
export class RequestCoSigned extends DecidedUnderRulePack {
  @ValidateNested() @Type(() => RequestOfficerSignature) coSigner!: RequestOfficerSignature;
  /** Filer's then co-signer's credential number. */
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(2) @IsString({ each: true }) credentialNumbers!: string[];
  @IsISO8601() coSignedAt!: string;
  /** Copy, retrieval and direct access go to a head (R17.2–R17.4); a view does not (R17.1). */
  @IsBoolean() needsApproval!: boolean;
}

export class RequestWithdrawn {
  @IsString() @MinLength(1) @MaxLength(ID) withdrawnBy!: string;
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
  @IsISO8601() withdrawnAt!: string;
}

/** No second officer signed before the deadline (R18.1); the refusal carries its code (R26.1). */
export class RequestExpired {
  @IsISO8601() coSignDeadline!: string;
  @IsISO8601() expiredAt!: string;
  @IsString() code!: string;
  @IsString() rule!: string;
  @IsString() @MaxLength(2000) reason!: string;
}

/** An owner tried to charge for footage and was refused (R17.5); recorded for oversight. */
export class FeeChargeRefused extends DecidedUnderRulePack {
  @IsString() @MinLength(1) @MaxLength(ID) ownerOrganisationId!: string;
  @IsString() @MinLength(1) @MaxLength(ID) attemptedBy!: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) amount!: number;
  @IsOptional() @IsString() @MaxLength(10) currency?: string;
  @IsString() code!: string;
  @IsString() rule!: string;
  @IsString() @MaxLength(2000) reason!: string;
}

/**
 * An officer's filing, co-signature or withdrawal was refused (R26.1, R27.1): the trace of the
 * attempt, on a refusals stream (`requestRefusalsAggregateId`), never on the request's own.
 */
export class RequestStepRefused extends RefusalFacts {
  @IsIn(REQUEST_STEPS) step!: RequestStep;
  /** The request acted on; absent for a refused filing, which created none. */
  @IsOptional() @IsString() @MaxLength(ID) requestId?: string;
  /** For a refused filing: what was asked for, as far as it was well-formed. */
  @IsOptional() @IsIn(REQUEST_KINDS_V1) kind?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) cameraIds?: string[];
}

export const FULFILMENT_KINDS_V1 = ['VIEW', 'COPY', 'RETRIEVE'] as const;

/**
 * An owner did not fulfil a ready request (a registered view, an approved copy or retrieval) by
 * its deadline, so it is escalated to the public security organ that supervises the system
 * (R16.5). On the request's own stream, once per request and image system, recorded by the
 * requests service's sweeper (actor: the service).
 */
export class FulfilmentOverdueEscalated {
  @IsIn(FULFILMENT_KINDS_V1) kind!: string;
  @IsString() @MinLength(1) @MaxLength(ID) imageSystemId!: string;
  @IsString() @MinLength(1) @MaxLength(ID) ownerOrganisationId!: string;
  /** The county-level PSB whose jurisdiction covers the system, as the registry named it. */
  @IsString() @MinLength(1) @MaxLength(ID) supervisingOrganisationId!: string;
  /** Since when the owner has had to cooperate: the view's registration or the approval. */
  @IsISO8601() readySince!: string;
  /** The deadline missed: readySince plus the kind's configured time. */
  @IsISO8601() fulfilBy!: string;
  @IsISO8601() escalatedAt!: string;
  @IsString() rule!: string;
}

export const REQUESTS_EVENTS = [
  { type: REQUEST_FILED, schemaVersion: 1, payload: RequestFiled },
  { type: REQUEST_CO_SIGNED, schemaVersion: 1, payload: RequestCoSigned },
  { type: REQUEST_WITHDRAWN, schemaVersion: 1, payload: RequestWithdrawn },
  { type: REQUEST_EXPIRED, schemaVersion: 1, payload: RequestExpired },
  { type: FEE_CHARGE_REFUSED, schemaVersion: 1, payload: FeeChargeRefused },
  { type: REQUEST_STEP_REFUSED, schemaVersion: 1, payload: RequestStepRefused },
  { type: FULFILMENT_OVERDUE_ESCALATED, schemaVersion: 1, payload: FulfilmentOverdueEscalated },
] as const satisfies readonly EventDefinition[];

/**
 * The refused steps on one request (`request-refusals:<requestId>`), or the refused filings of
 * one organ (`filing-refusals:<organisationId>`, the organ the caller acted for): streams of
 * independent facts, appended at any version.
 */
export const requestRefusalsAggregateId = (refused: { requestId: string } | { filingOrganisationId: string }): string =>
  'requestId' in refused ? `request-refusals:${refused.requestId}` : `filing-refusals:${refused.filingOrganisationId}`;
