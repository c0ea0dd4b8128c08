import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { EventDefinition } from '../event-registry';
import { DecidedUnderRulePack } from '../rule-pack-record';
import { RefusalFacts } from '../refusals';

/**
 * The registry's facts (R2.1, R5.1, R7, R8.1, R11.1, R15.1, R17.2–R17.4, R18.2). Enumerated
 * values are checked here by shape only: the closed lists live in @custos/domain, which the
 * contracts may not import, and the registry's request DTOs enforce them before any event is
 * decided. Instants are ISO-8601 UTC strings.
 */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ENUM = /^[A-Z][A-Z_]{0,63}$/;
const DIVISION = /^\d{6}(?:\d{3}){0,2}$/;

export const REGISTRY_ORGANISATION_REGISTERED = 'registry.OrganisationRegistered';
export const REGISTRY_HEAD_APPOINTED = 'registry.HeadAppointed';
export const REGISTRY_HEAD_TERM_ENDED = 'registry.HeadTermEnded';
export const REGISTRY_OFFICER_REGISTERED = 'registry.OfficerRegistered';
export const REGISTRY_QUALIFICATION_ISSUED = 'registry.QualificationIssued';
export const REGISTRY_QUALIFICATION_STATUS_CHANGED = 'registry.QualificationStatusChanged';
export const REGISTRY_IMAGE_SYSTEM_REGISTERED = 'registry.ImageSystemRegistered';
export const REGISTRY_SIGNAGE_MISSING_FOUND = 'registry.SignageMissingFound';
export const REGISTRY_CAMERA_REGISTERED = 'registry.CameraRegistered';
export const REGISTRY_FORBIDDEN_CAMERA_REGISTRATION_REFUSED = 'registry.ForbiddenCameraRegistrationRefused';
export const REGISTRY_FACILITY_CHANGE_REPORTED = 'registry.FacilityChangeReported';
export const REGISTRY_LATE_FACILITY_CHANGE_REPORT_FOUND = 'registry.LateFacilityChangeReportFound';
export const REGISTRY_ACCESS_DENIED = 'registry.AccessDenied';
export const REGISTRY_OPERATOR_REGISTERED = 'registry.OperatorRegistered';
export const REGISTRY_OPERATOR_TRAINING_RECORDED = 'registry.OperatorTrainingRecorded';
export const REGISTRY_FACILITY_CHANGE_ACKNOWLEDGED = 'registry.FacilityChangeAcknowledged';
export const REGISTRY_FORBIDDEN_CAMERA_CHANGE_REFUSED = 'registry.ForbiddenCameraChangeRefused';
export const REGISTRY_RETENTION_SET = 'registry.RetentionSet';
export const REGISTRY_RETENTION_REFUSED = 'registry.RetentionRefused';
export const REGISTRY_MANDATORY_SITE_REGISTERED = 'registry.MandatorySiteRegistered';
export const REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED = 'registry.MandatorySiteCoverageRecorded';
export const REGISTRY_SIGNAGE_EVIDENCE_RECORDED = 'registry.SignageEvidenceRecorded';
export const REGISTRY_EVENT_KEY_REGISTERED = 'registry.EventKeyRegistered';
export const REGISTRY_EVENT_KEY_REVOKED = 'registry.EventKeyRevoked';

/** An organisation with its type, level and jurisdiction (R5.1). Aggregate: the organisation id. */
export class OrganisationRegistered {
  @IsString() @MaxLength(200) name!: string;
  @Matches(ENUM) type!: string;
  @Matches(ENUM) level!: string;
  /** Normalised (no zero padding) GB/T 2260 code. */
  @Matches(DIVISION) divisionCode!: string;
  @IsOptional() @Matches(ID) parentId?: string;
}

/** `personId` is head (负责人) of the organisation from `from` (R17.2–R17.4). */
export class HeadAppointed {
  @Matches(ID) personId!: string;
  @IsISO8601() from!: string;
  /** The head's name as documents and the console show it; absent in events from before heads had names. */
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  /** Why a term that began in the past is recorded only now (issue 16); absent for a term from now on. */
  @IsOptional() @IsString() @MaxLength(500) backdatingReason?: string;
}

/** The head term of `personId` that began at `from` ends at `to` (half-open [from, to)). */
export class HeadTermEnded {
  @Matches(ID) personId!: string;
  @IsISO8601() from!: string;
  @IsISO8601() to!: string;
}

/** A law-enforcement officer of an organisation (R18.1). Aggregate: the officer id. */
export class OfficerRegistered {
  @Matches(ID) personId!: string;
  @Matches(ID) organisationId!: string;
  @IsString() @MaxLength(200) name!: string;
}

/** A law-enforcement credential, ACTIVE from `issuedAt` until `expiresAt` (exclusive) (R18.2). */
export class QualificationIssued {
  @Matches(ID) credentialNumber!: string;
  @IsISO8601() issuedAt!: string;
  @IsISO8601() expiresAt!: string;
  /** Why a credential issued in the past is recorded only now (issue 16); absent for one issued now. */
  @IsOptional() @IsString() @MaxLength(500) backdatingReason?: string;
}

/** The credential's status from `since` on: ACTIVE, SUSPENDED or REVOKED (final) (R18.2). */
export class QualificationStatusChanged {
  @Matches(ID) credentialNumber!: string;
  @IsIn(['ACTIVE', 'SUSPENDED', 'REVOKED']) status!: string;
  @IsISO8601() since!: string;
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** An image system of an owner (R2.1) at sites of the R7.1/R7.2 categories. Aggregate: the system id. */
export class ImageSystemRegistered extends DecidedUnderRulePack {
  @Matches(ID) ownerOrganisationId!: string;
  @IsString() @MaxLength(200) name!: string;
  @ArrayMinSize(1) @ArrayMaxSize(15) @Matches(ENUM, { each: true }) siteCategories!: string[];
  @Matches(DIVISION) divisionCode!: string;
  @IsString() @MaxLength(500) location!: string;
  @IsBoolean() inPublicPlace!: boolean;
  @IsBoolean() signageShown!: boolean;
  /**
   * Days the system keeps its footage (R16.7: at least 30, longer where the owner or another
   * law says so). Absent in events recorded before retention was per system: 30 days.
   */
  @IsOptional() @IsInt() @Min(1) retentionDays?: number;
  /** Why it keeps longer than 30 days: the owner's policy or the law that says so. */
  @IsOptional() @IsString() @MaxLength(500) retentionBasis?: string;
}

/** Finding (R11.1): a system in a public place shows no conspicuous sign. */
export class SignageMissingFound {
  @Matches(/^CUSTOS_[A-Z0-9_]+$/) code!: string;
  @IsString() rule!: string;
  /** The observation that found it (`SignageEvidenceRecorded`); absent when found at registration. */
  @IsOptional() @Matches(ID) evidenceId?: string;
}

/** A camera of the system, at a place where cameras are allowed (R8.1). */
export class CameraRegistered {
  @Matches(ID) cameraId!: string;
  @IsString() @MaxLength(200) name!: string;
  @Matches(ENUM) locationCategory!: string;
  @IsString() @MaxLength(500) location!: string;
}

/**
 * An attempt to register a camera in a place where Article 8 forbids cameras was refused
 * (R8.1); recorded for oversight (R22.1). No camera exists afterwards.
 */
export class ForbiddenCameraRegistrationRefused {
  @Matches(ID) cameraId!: string;
  @IsString() @MaxLength(200) name!: string;
  @Matches(ENUM) locationCategory!: string;
  @IsString() @MaxLength(500) location!: string;
  @Matches(/^CUSTOS_[A-Z0-9_]+$/) code!: string;
  @IsString() rule!: string;
  @IsString() @MaxLength(50) article!: string;
}

/** A change or removal of the system or one camera, with when it happened and when reported (R15.1). */
export class FacilityChangeReported {
  @Matches(ID) changeId!: string;
  @IsIn(['CHANGED', 'REMOVED']) kind!: string;
  @IsOptional() @Matches(ID) cameraId?: string;
  @IsString() @MaxLength(1000) description!: string;
  @IsISO8601() changedAt!: string;
  @IsISO8601() reportedAt!: string;
  @IsBoolean() late!: boolean;
  /** ARTICLE_7: a system at a mandatory site, bound by the 30 days; NONE: a voluntary one (R15.1). */
  @IsOptional() @IsIn(['ARTICLE_7', 'NONE']) duty?: string;
  /** Reported before the change happens. */
  @IsOptional() @IsBoolean() planned?: boolean;
  /** The last day (Beijing date) and the first late instant (24:00 of it), for an Article 7 system. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) lastDay?: string;
  @IsOptional() @IsISO8601() deadline?: string;
  /** False when the holiday calendar did not cover the deadline (only weekends were known): a date to check by hand. */
  @IsOptional() @IsBoolean() calendarCovers?: boolean;
  /** The county public security organ where the system stands, the report's addressee (R15.1). */
  @IsOptional() @Matches(ID) addressedToOrganisationId?: string;
  /** A camera's new place and function: they change only through a reported change (R16.3, R8.1). */
  @IsOptional() @Matches(ENUM) newLocationCategory?: string;
  @IsOptional() @IsString() @MaxLength(500) newLocation?: string;
  @IsOptional() @IsString() @MaxLength(500) newFunction?: string;
}

/** The addressed public security organ acknowledged the change report `changeId` (R15.1). */
export class FacilityChangeAcknowledged {
  @Matches(ID) changeId!: string;
  @Matches(ID) organisationId!: string;
  @Matches(ID) personId!: string;
  @IsISO8601() acknowledgedAt!: string;
}

/**
 * A reported change would move a camera to a place where Article 8 forbids cameras; refused
 * (R8.1) and recorded for oversight (R22.1). The camera keeps its place.
 */
export class ForbiddenCameraChangeRefused {
  @Matches(ID) cameraId!: string;
  @Matches(ENUM) locationCategory!: string;
  @IsString() @MaxLength(500) location!: string;
  @Matches(/^CUSTOS_[A-Z0-9_]+$/) code!: string;
  @IsString() rule!: string;
  @IsString() @MaxLength(50) article!: string;
}

/** Finding (R15.1, R24.1): the change `changeId` was reported more than 30 days after it happened. */
export class LateFacilityChangeReportFound {
  @Matches(ID) changeId!: string;
  @Matches(/^CUSTOS_[A-Z0-9_]+$/) code!: string;
  @IsString() rule!: string;
  @IsISO8601() changedAt!: string;
  @IsISO8601() reportedAt!: string;
  @IsInt() @Min(1) overdueMs!: number;
}

/** A refused access to the registry's API (R3.1, R5.1), as recorded by @custos/auth. */
export class AccessDenied {
  @Matches(/^CUSTOS_[A-Z0-9_]+$/) code!: string;
  @IsInt() status!: number;
  @IsString() rule!: string;
  @IsString() @MaxLength(10) method!: string;
  @IsString() @MaxLength(2000) path!: string;
  @IsOptional() @IsString() @MaxLength(200) subject?: string;
  @IsOptional() @IsString() @MaxLength(200) organisationId?: string;
  @IsString() @MaxLength(2000) reason!: string;
  @IsISO8601() at!: string;
  @IsOptional() @IsString() @MaxLength(200) correlationId?: string;
  // Anonymous denials are aggregated (issue 16): one event per code, route pattern and source
  // per window, `path` then being the route pattern, never the caller's raw path.
  @IsOptional() @IsString() @MaxLength(200) route?: string;
  @IsOptional() @IsString() @MaxLength(100) source?: string;
  @IsOptional() @IsInt() @Min(1) count?: number;
  @IsOptional() @IsISO8601() windowStart?: string;
  @IsOptional() @IsISO8601() windowEnd?: string;
}

/** A member of an owner's monitoring and management staff (R16.2). Aggregate: the operator id. */
export class OperatorRegistered {
  @Matches(ID) personId!: string;
  @Matches(ID) organisationId!: string;
  @IsString() @MaxLength(200) name!: string;
}

/** A training the owner gave the operator (R16.2): what, when completed, and its certificate if any. */
export class OperatorTrainingRecorded {
  @Matches(ID) trainingId!: string;
  @IsString() @MaxLength(200) course!: string;
  /** The day the training was completed (YYYY-MM-DD). */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) completedOn!: string;
  @IsOptional() @IsString() @MaxLength(100) certificateNumber?: string;
}

/**
 * The system keeps its footage `retentionDays` from `setAt` on (R16.7: at least 30). Segments
 * already stored keep the lock they were written with: a COMPLIANCE lock is never shortened.
 */
export class RetentionSet extends DecidedUnderRulePack {
  @IsInt() @Min(30) retentionDays!: number;
  @IsOptional() @IsString() @MaxLength(500) retentionBasis?: string;
  @IsISO8601() setAt!: string;
}

export const RETENTION_REFUSAL_STEPS = ['REGISTER_SYSTEM', 'SET_RETENTION'] as const;
export type RetentionRefusalStep = (typeof RETENTION_REFUSAL_STEPS)[number];

/**
 * A retention below the floor refused (R16.7, CN2025-RETAIN), at a system's registration or
 * later: the system's retention is unchanged (or no system was registered); the attempt is a
 * fact for oversight. On `retentionRefusalsAggregateId`, beside the system's own stream.
 */
export class RetentionRefused extends RefusalFacts {
  @IsIn(RETENTION_REFUSAL_STEPS) step!: RetentionRefusalStep;
  /** The system the retention was for; absent when a registration named no id. */
  @IsOptional() @Matches(ID) imageSystemId?: string;
  @Matches(ID) ownerOrganisationId!: string;
  @Matches(DIVISION) divisionCode!: string;
  /** The days asked for (below the floor, or not a whole number). */
  @IsNumber() retentionDays!: number;
}

/** The refused retentions of one system (or, for a registration without an id, of its owner). */
export const retentionRefusalsAggregateId = (target: { imageSystemId?: string; ownerOrganisationId: string }): string =>
  target.imageSystemId !== undefined ? `retention-refusals:${target.imageSystemId}` : `retention-refusals:owner:${target.ownerOrganisationId}`;
/**
 * A site that must have an image system (R7.1, R7.2), recorded by the county-level or higher
 * public security organ responsible for it. Aggregate: `mandatory-site:<id>`.
 */
export class MandatorySiteRegistered {
  @IsString() @MaxLength(200) name!: string;
  @Matches(ENUM) category!: string;
  /** R7.1 or R7.2, from the category. */
  @IsIn(['R7.1', 'R7.2']) rule!: string;
  @IsString() @MaxLength(500) address!: string;
  @Matches(DIVISION) divisionCode!: string;
  @Matches(ID) responsibleOrganisationId!: string;
  /** When the duty began (the site opened or was listed): the grace before oversight finds it uncovered counts from here. */
  @IsISO8601() dutySince!: string;
  /** Registered systems that cover the site from its recording on (R7.1): none, it is without a system. */
  @IsOptional() @ArrayMaxSize(20) @Matches(ID, { each: true }) coveringSystemIds?: string[];
}

/** The responsible organ recorded that the registered system `imageSystemId` covers the site (R7.1, R7.2). */
export class MandatorySiteCoverageRecorded {
  @Matches(ID) imageSystemId!: string;
  @IsISO8601() recordedAt!: string;
}

/** The photo of a sign, by its hash: the bytes stay with whoever took it; the ledger fixes which photo it was (R11.1). */
export class SignagePhoto {
  @Matches(/^[0-9a-f]{64}$/) sha256!: string;
  @IsOptional() @IsString() @MaxLength(100) mediaType?: string;
  @IsOptional() @IsInt() @Min(1) sizeBytes?: number;
  /** Where the photo is kept (a file name, an archive number). */
  @IsOptional() @IsString() @MaxLength(500) reference?: string;
}

/**
 * One observation of the system's sign (R11.1): by photo or in an inspection, shown or not.
 * `current`: it is the latest observation and sets what the sign is now; `rectifies`: it shows
 * a sign that was missing. Aggregate: the system's.
 */
export class SignageEvidenceRecorded {
  @Matches(ID) evidenceId!: string;
  @IsIn(['PHOTO', 'INSPECTION']) kind!: string;
  @IsBoolean() shown!: boolean;
  @IsISO8601() observedAt!: string;
  @IsISO8601() recordedAt!: string;
  @IsOptional() @ValidateNested() @Type(() => SignagePhoto) photo?: SignagePhoto;
  @IsOptional() @IsString() @MaxLength(200) inspectionReference?: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
  /** Who observed and recorded it: the owner's operator or the PSB's official. */
  @Matches(ID) recordedByPersonId!: string;
  @Matches(ID) recordedByOrganisationId!: string;
  @IsBoolean() current!: boolean;
  @IsBoolean() rectifies!: boolean;
}

/**
 * A service's Ed25519 event-signing public key, published by the registry (issue 16): readers
 * and the ledger verify that service's envelopes against it from `validFrom` until revoked. A
 * new key beside an older one is a rotation with overlap. Aggregate: `event-keys:<service>`.
 */
export class EventKeyRegistered {
  @Matches(ID) service!: string;
  @IsString() @MaxLength(100) kid!: string;
  /** The raw 32-byte public key, base64url. */
  @Matches(/^[A-Za-z0-9_-]{43}$/) publicKey!: string;
  @IsISO8601() validFrom!: string;
}

/** The key is no longer trusted from `revokedAt` (compromise, retirement after a rotation). */
export class EventKeyRevoked {
  @Matches(ID) service!: string;
  @IsString() @MaxLength(100) kid!: string;
  @IsISO8601() revokedAt!: string;
  @IsString() @MaxLength(500) reason!: string;
}

/** Every registry event, for the registry's own store and for consumers in other services. */
export const REGISTRY_EVENTS = [
  { type: REGISTRY_ORGANISATION_REGISTERED, schemaVersion: 1, payload: OrganisationRegistered },
  { type: REGISTRY_HEAD_APPOINTED, schemaVersion: 1, payload: HeadAppointed },
  { type: REGISTRY_HEAD_TERM_ENDED, schemaVersion: 1, payload: HeadTermEnded },
  { type: REGISTRY_OFFICER_REGISTERED, schemaVersion: 1, payload: OfficerRegistered },
  { type: REGISTRY_QUALIFICATION_ISSUED, schemaVersion: 1, payload: QualificationIssued },
  { type: REGISTRY_QUALIFICATION_STATUS_CHANGED, schemaVersion: 1, payload: QualificationStatusChanged },
  { type: REGISTRY_IMAGE_SYSTEM_REGISTERED, schemaVersion: 1, payload: ImageSystemRegistered },
  { type: REGISTRY_SIGNAGE_MISSING_FOUND, schemaVersion: 1, payload: SignageMissingFound },
  { type: REGISTRY_CAMERA_REGISTERED, schemaVersion: 1, payload: CameraRegistered },
  { type: REGISTRY_FORBIDDEN_CAMERA_REGISTRATION_REFUSED, schemaVersion: 1, payload: ForbiddenCameraRegistrationRefused },
  { type: REGISTRY_FACILITY_CHANGE_REPORTED, schemaVersion: 1, payload: FacilityChangeReported },
  { type: REGISTRY_LATE_FACILITY_CHANGE_REPORT_FOUND, schemaVersion: 1, payload: LateFacilityChangeReportFound },
  { type: REGISTRY_ACCESS_DENIED, schemaVersion: 1, payload: AccessDenied },
  { type: REGISTRY_OPERATOR_REGISTERED, schemaVersion: 1, payload: OperatorRegistered },
  { type: REGISTRY_OPERATOR_TRAINING_RECORDED, schemaVersion: 1, payload: OperatorTrainingRecorded },
  { type: REGISTRY_FACILITY_CHANGE_ACKNOWLEDGED, schemaVersion: 1, payload: FacilityChangeAcknowledged },
  { type: REGISTRY_FORBIDDEN_CAMERA_CHANGE_REFUSED, schemaVersion: 1, payload: ForbiddenCameraChangeRefused },
  { type: REGISTRY_RETENTION_SET, schemaVersion: 1, payload: RetentionSet },
  { type: REGISTRY_RETENTION_REFUSED, schemaVersion: 1, payload: RetentionRefused },
  { type: REGISTRY_MANDATORY_SITE_REGISTERED, schemaVersion: 1, payload: MandatorySiteRegistered },
  { type: REGISTRY_MANDATORY_SITE_COVERAGE_RECORDED, schemaVersion: 1, payload: MandatorySiteCoverageRecorded },
  { type: REGISTRY_SIGNAGE_EVIDENCE_RECORDED, schemaVersion: 1, payload: SignageEvidenceRecorded },
  { type: REGISTRY_EVENT_KEY_REGISTERED, schemaVersion: 1, payload: EventKeyRegistered },
  { type: REGISTRY_EVENT_KEY_REVOKED, schemaVersion: 1, payload: EventKeyRevoked },
] as const satisfies readonly EventDefinition[];

/** The stream of the registry's access denials (appended with expectedVersion 'any'). */
export const REGISTRY_ACCESS_DENIALS_STREAM = 'access-denials:registry';

/**
 * The registry's stream ids, namespaced by aggregate kind: an organisation and a system may
 * share a public id without sharing a stream, and a reader of the log (the ledger) knows what
 * each stream is from its id alone. Payloads and actors name the public id, never the stream.
 */
export const registryStreamOf = {
  organisation: (id: string): string => `organisation:${id}`,
  officer: (id: string): string => `officer:${id}`,
  system: (id: string): string => `image-system:${id}`,
  operator: (id: string): string => `operator:${id}`,
  mandatorySite: (id: string): string => `mandatory-site:${id}`,
  eventKeys: (service: string): string => `event-keys:${service}`,
};

/** The public id of a registry stream (`organisation:org-1` → `org-1`). */
export function idOfRegistryStream(streamId: string): string {
  return streamId.slice(streamId.indexOf(':') + 1);
}
