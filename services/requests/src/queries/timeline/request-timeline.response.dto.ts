import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const TIMELINE_STEPS = [
  'FILED',
  'CO_SIGNED',
  'REFUSED',
  'WITHDRAWN',
  'EXPIRED',
  'FEE_REFUSED',
  'ROUTED',
  'APPROVED',
  'DENIED',
  'REVOKED',
  'EXPORTED',
  'NOT_HELD',
  'ESCALATED',
] as const;
export type TimelineStepKind = (typeof TIMELINE_STEPS)[number];

/** Which organs' heads may decide, and by which rule (the approvals service's route, R17.2–R17.4). */
export class ApprovalRouteDto {
  @ApiProperty({ enum: ['R17.2', 'R17.3', 'R17.4'] }) rule!: string;
  @ApiProperty({ type: [String], description: 'The organisation types whose heads may decide' }) approverOrgTypes!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The lowest level of organ that may decide' }) minLevel!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The one organ that must decide, when one must' }) mustBeOrgId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "A division the approver's jurisdiction must contain" })
  jurisdictionMustContain!: string | null;
}

export class NotHeldCameraDto {
  @ApiProperty() cameraId!: string;
  @ApiProperty({ enum: ['BEYOND_RETENTION', 'NOT_RECORDED'] }) reason!: string;
  @ApiProperty() retentionDays!: number;
}

/** One step of a request's life: when, who (person and organisation ids; the directory names them) and why. */
export class TimelineStepDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: TIMELINE_STEPS }) step!: TimelineStepKind;
  @ApiPropertyOptional({ description: 'The person who acted' }) personId?: string;
  @ApiPropertyOptional({ description: 'The organisation they acted for' }) organisationId?: string;
  @ApiPropertyOptional({ description: 'The credential the officer showed (R18.1–R18.3)' }) credentialNumber?: string;
  @ApiPropertyOptional({ description: 'A refusal or an expiry: its stable code' }) code?: string;
  @ApiPropertyOptional({ description: 'The rule it cites' }) rule?: string;
  @ApiPropertyOptional({ description: 'Why: a denial, revocation, withdrawal, refusal or re-export' }) reason?: string;
  @ApiPropertyOptional({ enum: ['FILE', 'CO_SIGN', 'WITHDRAW', 'FEE'], description: 'For REFUSED: the step that was refused' }) refusedStep?: string;
  @ApiPropertyOptional({ enum: ['REGISTERED', 'AWAITING_APPROVAL'], description: 'For CO_SIGNED: where the request went' }) outcome?: string;
  @ApiPropertyOptional({ type: ApprovalRouteDto }) route?: ApprovalRouteDto;
  @ApiPropertyOptional() documentNumber?: string;
  @ApiPropertyOptional({ description: "For EXPORTED: the package's id, its evidence item's id in custody" }) exportId?: string;
  @ApiPropertyOptional({ type: [NotHeldCameraDto] }) cameras?: NotHeldCameraDto[];
  @ApiPropertyOptional({ description: 'For ESCALATED: the system whose owner missed the deadline; organisationId is the supervising PSB (R16.5)' })
  imageSystemId?: string;
  @ApiPropertyOptional({ description: 'For ESCALATED: the owner that missed the deadline' }) ownerOrganisationId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'For ESCALATED: the deadline missed' }) fulfilBy?: string;
}

export class RequestTimelineDto {
  @ApiProperty() requestId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty({
    type: [TimelineStepDto],
    description: "Oldest first. The package's custody (hand-over, receipt, transfer) is custody's: GET /evidence-items/{id}/timeline",
  })
  steps!: TimelineStepDto[];
}
