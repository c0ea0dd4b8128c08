import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EventDefinition } from '../event-registry';
import { RefusalFacts } from '../refusals';
import {
  REQUEST_ORGANISATION_LEVELS,
  REQUEST_ORGANISATION_TYPES,
  RequesterSnapshot,
  REQUEST_KINDS_V1,
  RequestWindowPayload,
} from '../requests/requests-events';
import { DecidedUnderRulePack } from '../rule-pack-record';

/**
 * The approvals service's facts (issue 5, R17.2–R17.4, R18.5): a co-signed copy, retrieval or
 * direct access opens a case routed to the competent heads; a head approves (with a signed
 * approval document) or denies (with a reason, R26.1); a document can be revoked. The
 * aggregate id is the request id.
 */
export const APPROVAL_CASE_OPENED = 'approvals.ApprovalCaseOpened';
export const APPROVAL_GRANTED = 'approvals.ApprovalGranted';
export const APPROVAL_DENIED = 'approvals.ApprovalDenied';
export const APPROVAL_DOCUMENT_REVOKED = 'approvals.ApprovalDocumentRevoked';
export const APPROVAL_CASE_CLOSED = 'approvals.ApprovalCaseClosed';
export const APPROVAL_DECISION_REFUSED = 'approvals.DecisionRefused';
export const APPROVAL_STEPS = ['APPROVE', 'DENY', 'REVOKE'] as const;
export type ApprovalStep = (typeof APPROVAL_STEPS)[number];
/** What an `ApprovalDenied` of schema version 1, which had no basis, reads as. */
export const DENIAL_BASIS_UNRECORDED = 'UNRECORDED';

const ID = 200;

/** Which organs' heads may decide (the domain's `ApprovalRoute`). */
/** The rules a route cites: Shaanxi Article 17, or the national CN2025-USE (issue 21). */
export const APPROVAL_ROUTE_RULES = ['R17.2', 'R17.3', 'R17.4', 'CN2025-USE'] as const;

export class ApprovalRouteSnapshot {
  @IsIn(APPROVAL_ROUTE_RULES) rule!: string;
  @IsArray() @IsIn(REQUEST_ORGANISATION_TYPES, { each: true }) approverOrgTypes!: string[];
  @IsOptional() @IsIn(REQUEST_ORGANISATION_LEVELS) minLevel!: string | null;
  @IsOptional() @IsString() mustBeOrgId!: string | null;
  @IsOptional() @IsString() jurisdictionMustContain!: string | null;
  /** Where the systems stand: their bureau is territorially competent too (R17.3 policy). */
  @IsOptional() @IsArray() @IsString({ each: true }) systemDivisionCodes?: string[];
}

export class ApproverRef {
  @IsString() @MinLength(1) @MaxLength(ID) personId!: string;
  @IsString() @MinLength(1) @MaxLength(ID) organisationId!: string;
}

export class ApprovalCaseOpened extends DecidedUnderRulePack {
  @IsString() @MinLength(1) @MaxLength(ID) requestId!: string;
  @IsIn(REQUEST_KINDS_V1) kind!: string;
  @ValidateNested() @Type(() => RequesterSnapshot) requestingOrganisation!: RequesterSnapshot;
  @ValidateNested() @Type(() => ApprovalRouteSnapshot) route!: ApprovalRouteSnapshot;
  /** Filer and co-signer: neither may approve (R27.1). */
  @IsArray() @ArrayMinSize(2) @IsString({ each: true }) signerPersonIds!: string[];
  @IsArray() @IsString({ each: true }) imageSystemIds!: string[];
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) cameraIds!: string[];
  @IsArray() @IsString({ each: true }) ownerOrganisationIds!: string[];
  @ValidateNested() @Type(() => RequestWindowPayload) window!: RequestWindowPayload;
  @IsString() @MaxLength(100) caseReference!: string;
  @IsString() @MaxLength(2000) purpose!: string;
  @IsISO8601() openedAt!: string;
  /** The credential numbers the filer and the co-signer showed, in that order (R18.2); absent on cases opened before it was recorded. */
  @IsOptional() @IsArray() @ArrayMaxSize(2) @IsString({ each: true }) signerCredentialNumbers?: string[];
}

export class ApprovalGranted extends DecidedUnderRulePack {
  @IsString() @MinLength(1) @MaxLength(ID) requestId!: string;
  @IsIn(APPROVAL_ROUTE_RULES) rule!: string;
  @ValidateNested() @Type(() => ApproverRef) approver!: ApproverRef;
  /**
   * The signed approval document `{ document, signature, keyId }` (R18.5), checked by the
   * domain's `verifyApprovalDocument` wherever it is relied on, so only its presence is checked here.
   */
  @IsObject() signedDocument!: Record<string, unknown>;
  @IsArray() @IsString({ each: true }) ownerOrganisationIds!: string[];
  @IsISO8601() decidedAt!: string;
}

/**
 * A head denied (R17.2–R17.4). Version 2: the denial rests on a rule of the regulation
 * (`rule`) and, where the head cites another law, on that `legalBasis`; the reason alone is
 * not a basis (R26.1). Version-1 denials read with `rule` = `UNRECORDED`.
 */
export class ApprovalDenied extends DecidedUnderRulePack {
  @IsString() @MinLength(1) @MaxLength(ID) requestId!: string;
  @ValidateNested() @Type(() => ApproverRef) approver!: ApproverRef;
  /** The rule ID the denial rests on (e.g. R17.1: not needed for law enforcement). */
  @Matches(/^(?:R\d+\.\d+|CN2025-[A-Z]+|UNRECORDED)$/) rule!: string;
  /** Another law's provision the head cites, as written (e.g. an article of a procedure law). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500) legalBasis?: string;
  /** The reason the officers see, and may contest (R26.1). */
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
  @IsISO8601() decidedAt!: string;
}

/**
 * A head's approval, denial or revocation was refused (R17.2–R17.4, R27.1): the trace oversight
 * reads "approvals outside authority" from, on `decisionRefusalsAggregateId`, never on the case.
 */
export class DecisionRefused extends RefusalFacts {
  @IsIn(APPROVAL_STEPS) step!: ApprovalStep;
  @IsString() @MinLength(1) @MaxLength(ID) requestId!: string;
}

/** Why a document was revoked: by the head of the issuing organ, or because its request was withdrawn (R18.5). */
export const REVOCATION_CAUSES = ['REVOKED_BY_ISSUER', 'REQUEST_WITHDRAWN'] as const;
export type RevocationCause = (typeof REVOCATION_CAUSES)[number];

export class ApprovalDocumentRevoked {
  @IsString() @MinLength(1) @MaxLength(ID) requestId!: string;
  @IsString() @MinLength(1) @MaxLength(40) number!: string;
  /** The document's signed id (absent on revocations recorded before documents had one). */
  @IsOptional() @IsString() @MaxLength(ID) documentId?: string;
  /** Absent on revocations recorded before withdrawals revoked: those were all by the issuer. */
  @IsOptional() @IsIn(REVOCATION_CAUSES) cause?: RevocationCause;
  @IsString() @MinLength(1) @MaxLength(ID) issuingOrganisationId!: string;
  @IsString() @MinLength(1) @MaxLength(ID) revokedBy!: string;
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
  @IsISO8601() revokedAt!: string;
}

/** The request was withdrawn before a decision: nothing is left to decide. */
export class ApprovalCaseClosed {
  @IsString() @MinLength(1) @MaxLength(ID) requestId!: string;
  @IsString() @MaxLength(2000) reason!: string;
  @IsISO8601() closedAt!: string;
}

export const APPROVAL_SIGNING_KEY_CREATED = 'approvals.SigningKeyCreated';
export const APPROVAL_SIGNING_KEY_ROTATED = 'approvals.SigningKeyRotated';

/**
 * An organ's approval-signing key came into use (R18.5, issue 16): its public key, in the
 * ledger, so that verifiers pin what the ledger recorded, not what a table says today.
 */
export class ApprovalSigningKeyCreated {
  @IsString() @MinLength(1) @MaxLength(ID) organisationId!: string;
  @IsString() @MinLength(1) @MaxLength(100) keyId!: string;
  @IsInt() @Min(1) version!: number;
  @IsString() @MinLength(1) @MaxLength(1000) publicKeyPem!: string;
  @IsISO8601() createdAt!: string;
}

/** The organ's key `retiredKeyId` was replaced by `keyId`; documents signed by the old key stay verifiable. */
export class ApprovalSigningKeyRotated extends ApprovalSigningKeyCreated {
  @IsString() @MinLength(1) @MaxLength(100) retiredKeyId!: string;
  @IsString() @MinLength(1) @MaxLength(ID) rotatedBy!: string;
}

/** The stream of an organ's signing keys. */
export const approvalSigningKeysAggregateId = (organisationId: string): string => `approval-signing-keys:${organisationId}`;

export const APPROVALS_EVENTS = [
  { type: APPROVAL_CASE_OPENED, schemaVersion: 1, payload: ApprovalCaseOpened },
  { type: APPROVAL_GRANTED, schemaVersion: 1, payload: ApprovalGranted },
  {
    type: APPROVAL_DENIED,
    schemaVersion: 2,
    payload: ApprovalDenied,
    upcasters: { 1: (p) => ({ ...p, rule: DENIAL_BASIS_UNRECORDED }) },
  },
  { type: APPROVAL_DOCUMENT_REVOKED, schemaVersion: 1, payload: ApprovalDocumentRevoked },
  { type: APPROVAL_CASE_CLOSED, schemaVersion: 1, payload: ApprovalCaseClosed },
  { type: APPROVAL_DECISION_REFUSED, schemaVersion: 1, payload: DecisionRefused },
  { type: APPROVAL_SIGNING_KEY_CREATED, schemaVersion: 1, payload: ApprovalSigningKeyCreated },
  { type: APPROVAL_SIGNING_KEY_ROTATED, schemaVersion: 1, payload: ApprovalSigningKeyRotated },
] as const satisfies readonly EventDefinition[];

/** The refused decisions on one case: a stream of independent facts beside the case's own. */
export const decisionRefusalsAggregateId = (requestId: string): string => `decision-refusals:${requestId}`;
