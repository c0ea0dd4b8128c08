import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EventDefinition } from '../event-registry';

/**
 * The oversight service's facts (issue 20; R8.1, R11.1, R15.1, R16.3, R17.5, R19.1,
 * R22.1–R25.1, R26.1). Each finding is an aggregate (`finding:<id>`) holding the acts that
 * follow from it: the orders served on the party, their follow-up, penalty decisions, the
 * application to the people's court, and the party's reconsideration or suit with its outcome.
 * A finding raised from another service's event names that event (service, sequence, id), so
 * every figure reads back to the ledger. The enumerations repeat the domain's (contracts import
 * nothing of ours).
 */
export const OVERSIGHT_INSPECTION_RECORDED = 'oversight.InspectionRecorded';
export const OVERSIGHT_FINDING_RAISED = 'oversight.FindingRaised';
export const OVERSIGHT_ORDER_SERVED = 'oversight.OrderServed';
export const OVERSIGHT_ORDER_FOLLOWED_UP = 'oversight.OrderFollowedUp';
export const OVERSIGHT_PENALTY_DECIDED = 'oversight.PenaltyDecided';
export const OVERSIGHT_COURT_ENFORCEMENT_APPLIED = 'oversight.CourtEnforcementApplied';
export const OVERSIGHT_CHALLENGE_FILED = 'oversight.ChallengeFiled';
export const OVERSIGHT_CHALLENGE_DECIDED = 'oversight.ChallengeDecided';

export const INSPECTION_AREAS = ['INSTALLATION_SCOPE', 'OPERATION', 'MAINTENANCE', 'INFORMATION_SECURITY'] as const;
export const FINDING_ORIGINS = ['EVENT', 'INSPECTION'] as const;
export const ORDER_KINDS = ['REMOVAL', 'RECTIFICATION'] as const;
export const FOLLOW_UP_RESULTS = ['COMPLIED', 'NOT_COMPLIED'] as const;
export const PENALISED_PARTIES = ['UNIT', 'PERSON'] as const;
export const CHALLENGE_KINDS = ['RECONSIDERATION', 'SUIT'] as const;
export const CHALLENGE_OUTCOMES = ['UPHELD', 'QUASHED', 'VARIED', 'WITHDRAWN'] as const;
export const CHALLENGEABLE_ACTS = ['ORDER', 'PENALTY'] as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const RULE = /^R\d+\.\d+$/;
const DIVISION = /^\d{6}(?:\d{3}){0,2}$/;

/** The event of another service a finding rests on: where the ledger holds it. */
export class LedgerEntryRef {
  @IsString() @Matches(/^[a-z][a-z-]*$/) service!: string;
  @IsInt() @Min(1) sequence!: number;
  @IsString() @MaxLength(200) eventId!: string;
  @IsString() @MaxLength(200) type!: string;
}

/** Whom a finding or act concerns: a system (and camera) of an owner, within a division (R5.1). */
export class OversightSubject {
  @IsOptional() @Matches(ID) imageSystemId?: string;
  @IsOptional() @Matches(ID) cameraId?: string;
  @IsOptional() @Matches(ID) organisationId?: string;
  /** Where it stands, when known when the finding was raised (else read from the registry's facts). */
  @IsOptional() @Matches(DIVISION) divisionCode?: string;
}

/** The person and organ that performed an act. */
export class ActingOfficial {
  @IsString() @MinLength(1) @MaxLength(200) personId!: string;
  @IsString() @MinLength(1) @MaxLength(200) organisationId!: string;
}

/** A county-level or higher PSB inspected a system (R19.1). Aggregate: `inspection:<id>`. */
export class InspectionRecorded {
  @Matches(ID) inspectionId!: string;
  @ValidateNested() @Type(() => OversightSubject) subject!: OversightSubject;
  @IsArray() @ArrayMinSize(1) @IsIn(INSPECTION_AREAS, { each: true }) areas!: string[];
  @IsISO8601() inspectedAt!: string;
  @ValidateNested() @Type(() => ActingOfficial) inspectedBy!: ActingOfficial;
  @IsString() @MaxLength(4000) record!: string;
  /** The findings this inspection raised, each its own aggregate. */
  @IsArray() @ArrayMaxSize(100) @Matches(ID, { each: true }) findingIds!: string[];
}

/** A breach found (R19.1): from another service's event, or on an inspection. Aggregate: `finding:<id>`. */
export class FindingRaised {
  @Matches(ID) findingId!: string;
  @IsIn(FINDING_ORIGINS) origin!: string;
  /** The rule breached (R8.1, R11.1, R15.1, R16.3, R16.7, R17.5 …). */
  @Matches(RULE) rule!: string;
  /** The penalty article it falls under (R22.1–R25.1), when the regulation attaches one. */
  @IsOptional() @Matches(RULE) penaltyRule?: string;
  @IsOptional() @Matches(/^CUSTOS_[A-Z0-9_]+$/) code?: string;
  @ValidateNested() @Type(() => OversightSubject) subject!: OversightSubject;
  @IsString() @MaxLength(4000) description!: string;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => LedgerEntryRef) evidence!: LedgerEntryRef[];
  @IsOptional() @Matches(ID) inspectionId?: string;
  @IsISO8601() raisedAt!: string;
}

/**
 * An order served on the party (R22.1: removal; R23.1, R25.1: rectification within a period),
 * with its reasons and legal basis (R26.1).
 */
export class OrderServed {
  @Matches(ID) orderId!: string;
  @IsIn(ORDER_KINDS) kind!: string;
  @Matches(ID) partyOrganisationId!: string;
  @IsString() @MinLength(1) @MaxLength(4000) reasons!: string;
  @IsArray() @ArrayMinSize(1) @Matches(RULE, { each: true }) legalBasis!: string[];
  @IsOptional() @IsISO8601() deadline?: string;
  @ValidateNested() @Type(() => ActingOfficial) issuedBy!: ActingOfficial;
  @IsISO8601() servedAt!: string;
}

/** The PSB checked whether the order was carried out. */
export class OrderFollowedUp {
  @Matches(ID) orderId!: string;
  @IsIn(FOLLOW_UP_RESULTS) result!: string;
  @IsString() @MaxLength(4000) notes!: string;
  @ValidateNested() @Type(() => ActingOfficial) checkedBy!: ActingOfficial;
  @IsISO8601() checkedAt!: string;
}

export class ResponsiblePerson {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  /** e.g. principal, directly responsible person (R25.1). */
  @IsString() @MinLength(1) @MaxLength(200) role!: string;
}

/**
 * A penalty the PSB decided (R22.1–R25.1): the article, its range as the regulation states it,
 * and the amount the PSB chose — recorded, never computed by the software.
 */
export class PenaltyDecided {
  @Matches(ID) penaltyId!: string;
  @IsOptional() @Matches(ID) orderId?: string;
  @Matches(RULE) article!: string;
  @IsIn(PENALISED_PARTIES) party!: string;
  @Matches(ID) partyOrganisationId!: string;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ResponsiblePerson) responsiblePersons!: ResponsiblePerson[];
  @IsInt() @Min(0) rangeMinCny!: number;
  @IsInt() @Min(0) rangeMaxCny!: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) amountCny!: number;
  @IsString() @MinLength(1) @MaxLength(4000) reasons!: string;
  @IsArray() @ArrayMinSize(1) @Matches(RULE, { each: true }) legalBasis!: string[];
  @ValidateNested() @Type(() => ActingOfficial) decidedBy!: ActingOfficial;
  @IsISO8601() decidedAt!: string;
}

/** A refused removal: the PSB applied to the people's court for enforcement (R22.1). */
export class CourtEnforcementApplied {
  @Matches(ID) applicationId!: string;
  @Matches(ID) orderId!: string;
  @IsString() @MinLength(1) @MaxLength(200) court!: string;
  @IsString() @MinLength(1) @MaxLength(4000) reasons!: string;
  @ValidateNested() @Type(() => ActingOfficial) appliedBy!: ActingOfficial;
  @IsISO8601() appliedAt!: string;
}

/** The party applied for administrative reconsideration or brought a suit against an act (R26.1). */
export class ChallengeFiled {
  @Matches(ID) challengeId!: string;
  @IsIn(CHALLENGEABLE_ACTS) actKind!: string;
  @Matches(ID) actId!: string;
  @IsIn(CHALLENGE_KINDS) kind!: string;
  /** The reconsideration organ or the court. */
  @IsString() @MinLength(1) @MaxLength(200) body!: string;
  @IsString() @MaxLength(4000) grounds!: string;
  @ValidateNested() @Type(() => ActingOfficial) filedBy!: ActingOfficial;
  @IsISO8601() filedAt!: string;
}

/** The outcome of a reconsideration or suit; QUASHED ends the act's effects (R26.1). */
export class ChallengeDecided {
  @Matches(ID) challengeId!: string;
  @IsIn(CHALLENGE_OUTCOMES) outcome!: string;
  @IsString() @MinLength(1) @MaxLength(200) reference!: string;
  @IsString() @MaxLength(4000) notes!: string;
  @ValidateNested() @Type(() => ActingOfficial) recordedBy!: ActingOfficial;
  @IsISO8601() decidedAt!: string;
}

export const OVERSIGHT_EVENTS = [
  { type: OVERSIGHT_INSPECTION_RECORDED, schemaVersion: 1, payload: InspectionRecorded },
  { type: OVERSIGHT_FINDING_RAISED, schemaVersion: 1, payload: FindingRaised },
  { type: OVERSIGHT_ORDER_SERVED, schemaVersion: 1, payload: OrderServed },
  { type: OVERSIGHT_ORDER_FOLLOWED_UP, schemaVersion: 1, payload: OrderFollowedUp },
  { type: OVERSIGHT_PENALTY_DECIDED, schemaVersion: 1, payload: PenaltyDecided },
  { type: OVERSIGHT_COURT_ENFORCEMENT_APPLIED, schemaVersion: 1, payload: CourtEnforcementApplied },
  { type: OVERSIGHT_CHALLENGE_FILED, schemaVersion: 1, payload: ChallengeFiled },
  { type: OVERSIGHT_CHALLENGE_DECIDED, schemaVersion: 1, payload: ChallengeDecided },
] as const satisfies readonly EventDefinition[];

/** One finding and the acts that follow from it: its stream. */
export const findingAggregateId = (findingId: string): string => `finding:${findingId}`;
/** One inspection record: its stream. */
export const inspectionAggregateId = (inspectionId: string): string => `inspection:${inspectionId}`;
