import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANOMALY_KINDS } from '@custos/domain';
import { PageDtoOf } from '@custos/platform';
import { REPORT_SECTIONS } from '../reports/report-sections';

/** What oversight's reads answer (R19.1, R22.1–R27.1): findings, acts, anomaly figures and reports, each figure with its ledger entries. */
export class EvidenceDto {
  @ApiProperty({ description: 'The service whose log holds the event' }) service!: string;
  @ApiProperty({ type: 'integer', description: "The event's sequence in that service's log" }) sequence!: number;
  @ApiProperty() eventId!: string;
  @ApiPropertyOptional({ description: 'The event type (findings name it)' }) type?: string;
  @ApiProperty({ description: "Where the ledger proves the event is in the log (the ledger's GET /ledger/proofs/inclusion)" }) inclusionProof!: string;
}

export class FindingViewDto {
  @ApiProperty() findingId!: string;
  @ApiProperty({ enum: ['EVENT', 'INSPECTION'] }) origin!: string;
  @ApiProperty({ example: 'R8.1' }) rule!: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'R22.1' }) penaltyRule!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) code!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) imageSystemId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) cameraId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) organisationId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) divisionCode!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ type: 'string', nullable: true }) inspectionId!: string | null;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ type: [EvidenceDto] }) evidence!: EvidenceDto[];
}

export class FindingPageDto extends PageDtoOf(FindingViewDto) {}

export class ActViewDto {
  @ApiProperty({ enum: ['ORDER', 'PENALTY', 'COURT_APPLICATION', 'CHALLENGE'] }) kind!: string;
  @ApiProperty() actId!: string;
  @ApiProperty({ description: 'SERVED, COMPLIED, NOT_COMPLIED, DECIDED, APPLIED, FILED, or a challenge’s outcome' }) status!: string;
  @ApiProperty({ description: 'Quashed on reconsideration or suit: its effects ended (R26.1)' }) quashed!: boolean;
  @ApiProperty({ type: 'string', nullable: true }) partyOrganisationId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The act as recorded (its event payload)' }) detail!: Record<string, unknown>;
}

export class FindingWithActsDto extends FindingViewDto {
  @ApiProperty({ type: [ActViewDto] }) acts!: ActViewDto[];
}

export class AnomalyThresholdsDto {
  @ApiProperty({ type: 'integer' }) selfApprovalAttempts!: number;
  @ApiProperty({ type: 'integer' }) outsideAuthorityAttempts!: number;
  @ApiProperty({ type: 'integer' }) repeatedPair!: number;
  @ApiProperty() accessPeerFactor!: number;
  @ApiProperty({ type: 'integer' }) accessMinimum!: number;
  @ApiProperty({ type: 'integer' }) noProgressDays!: number;
  @ApiProperty({ type: 'integer' }) noProgressRequests!: number;
  @ApiProperty({ type: 'integer' }) interruptedDeliveries!: number;
  @ApiProperty({ type: 'integer' }) integrityMismatches!: number;
  @ApiProperty({ type: 'integer' }) revokedDocumentUses!: number;
}

export class AnomalyFigureDto {
  @ApiProperty({ enum: ANOMALY_KINDS }) kind!: string;
  @ApiProperty({ enum: ['R27.1'] }) rule!: 'R27.1';
  @ApiProperty() organisationId!: string;
  @ApiProperty({ description: 'The official (a pair joined by +), or the organ' }) subject!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty() threshold!: number;
  @ApiPropertyOptional({ description: "Access volumes: the peers' median compared with" }) peerMedian?: number;
  @ApiProperty({ type: [EvidenceDto] }) evidence!: EvidenceDto[];
}

export class AnomalyReportDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: AnomalyThresholdsDto }) thresholds!: AnomalyThresholdsDto;
  @ApiProperty({ type: [AnomalyFigureDto] }) figures!: AnomalyFigureDto[];
}

export class ReportRowDto {
  @ApiProperty({ enum: REPORT_SECTIONS }) section!: string;
  @ApiProperty({ description: 'A rule, a status, an anomaly kind, `<organ>/<VIEW|COPY|RETRIEVE>`, `<organ>/<YYYY-MM>` (Beijing time) or a waiting-time bucket' })
  key!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiPropertyOptional({ description: 'Penalties: the amounts decided, summed (CNY)' }) amountCny?: number;
  @ApiProperty({ type: [EvidenceDto], description: 'The ledger entries the figure counts' }) evidence!: EvidenceDto[];
}

export class JurisdictionReportDto {
  @ApiProperty() divisionCode!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: [ReportRowDto] }) rows!: ReportRowDto[];
}
