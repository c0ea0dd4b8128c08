import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHALLENGE_KINDS, CHALLENGE_OUTCOMES, CHALLENGEABLE_ACTS, FOLLOW_UP_RESULTS, ORDER_KINDS, PENALISED_PARTIES } from '@custos/contracts';

/**
 * What each of oversight's acts answers: the fact it recorded, as the event holds it
 * (`oversight.OrderServed` …), so the console's types come from one documented shape.
 */
export class ActingOfficialDto {
  @ApiProperty() personId!: string;
  @ApiProperty() organisationId!: string;
}

export class InspectionReceiptDto {
  @ApiProperty() inspectionId!: string;
  @ApiProperty({ type: [String], description: 'The findings the inspection raised, each its own' }) findingIds!: string[];
}

export class OrderServedDto {
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: ORDER_KINDS }) kind!: string;
  @ApiProperty() partyOrganisationId!: string;
  @ApiProperty() reasons!: string;
  @ApiProperty({ type: [String], example: ['R8.1', 'R22.1'] }) legalBasis!: string[];
  @ApiPropertyOptional({ format: 'date-time', description: 'A rectification’s period (R23.1, R25.1)' }) deadline?: string;
  @ApiProperty({ type: ActingOfficialDto }) issuedBy!: ActingOfficialDto;
  @ApiProperty({ format: 'date-time' }) servedAt!: string;
}

export class OrderFollowedUpDto {
  @ApiProperty() orderId!: string;
  @ApiProperty({ enum: FOLLOW_UP_RESULTS }) result!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: ActingOfficialDto }) checkedBy!: ActingOfficialDto;
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
}

export class ResponsiblePersonDto {
  @ApiProperty() name!: string;
  @ApiProperty() role!: string;
}

export class PenaltyDecidedDto {
  @ApiProperty() penaltyId!: string;
  @ApiPropertyOptional() orderId?: string;
  @ApiProperty({ example: 'R22.1' }) article!: string;
  @ApiProperty({ enum: PENALISED_PARTIES }) party!: string;
  @ApiProperty() partyOrganisationId!: string;
  @ApiProperty({ type: [ResponsiblePersonDto] }) responsiblePersons!: ResponsiblePersonDto[];
  @ApiProperty({ type: 'integer', description: "The article's range for the party, as the regulation states it" }) rangeMinCny!: number;
  @ApiProperty({ type: 'integer' }) rangeMaxCny!: number;
  @ApiProperty({ description: 'The amount the PSB decided: recorded, never computed' }) amountCny!: number;
  @ApiProperty() reasons!: string;
  @ApiProperty({ type: [String] }) legalBasis!: string[];
  @ApiProperty({ type: ActingOfficialDto }) decidedBy!: ActingOfficialDto;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}

export class CourtEnforcementAppliedDto {
  @ApiProperty() applicationId!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() court!: string;
  @ApiProperty() reasons!: string;
  @ApiProperty({ type: ActingOfficialDto }) appliedBy!: ActingOfficialDto;
  @ApiProperty({ format: 'date-time' }) appliedAt!: string;
}

export class ChallengeFiledDto {
  @ApiProperty() challengeId!: string;
  @ApiProperty({ enum: CHALLENGEABLE_ACTS }) actKind!: string;
  @ApiProperty() actId!: string;
  @ApiProperty({ enum: CHALLENGE_KINDS }) kind!: string;
  @ApiProperty({ description: 'The reconsideration organ or the court' }) body!: string;
  @ApiProperty() grounds!: string;
  @ApiProperty({ type: ActingOfficialDto }) filedBy!: ActingOfficialDto;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
}

export class ChallengeDecidedDto {
  @ApiProperty() challengeId!: string;
  @ApiProperty({ enum: CHALLENGE_OUTCOMES }) outcome!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: ActingOfficialDto }) recordedBy!: ActingOfficialDto;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}
