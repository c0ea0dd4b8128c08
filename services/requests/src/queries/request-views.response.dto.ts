import { PageDtoOf } from '@custos/platform';
import { REQUEST_KINDS } from '@custos/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VISIBLE_STATUSES } from './my-requests/my-requests.request.dto';
import { ExportView, HistoryEntry, RequestView } from './request-views';

/*
 * The requests service's answers as the OpenAPI documents describe them (the shapes of
 * request-views.ts), so that the console's client is generated, never written by hand.
 */

export class WindowDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
}

export class PersonInOrganisationDto {
  @ApiProperty() personId!: string;
  @ApiProperty() organisationId!: string;
}

/** A rule pack by id and version (issue 21), as approvals' RulePackRefDto. */
export class RulePackRefDto {
  @ApiProperty({ example: 'CN2025+SX2012' }) id!: string;
  @ApiProperty({ example: '1.0.0+1.0.0' }) version!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['APPROVED', 'DENIED'] }) decision!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was denied (R26.1)' }) reason!: string | null;
  @ApiProperty({ type: PersonInOrganisationDto }) approver!: PersonInOrganisationDto;
  @ApiProperty({ type: String, nullable: true }) documentNumber!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'The signed approval document (R18.5)' })
  signedDocument!: unknown;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason!: string | null;
  @ApiPropertyOptional({ type: RulePackRefDto, description: 'the rule pack it was decided under; absent for decisions recorded before' })
  rulePack?: RulePackRefDto;
}

export class ExportedByDto {
  @ApiProperty() subject!: string;
  @ApiProperty({ type: String, nullable: true }) personId!: string | null;
  @ApiProperty() organisationId!: string;
}

export class ReExportDto {
  @ApiProperty() previousExportId!: string;
  @ApiProperty() reason!: string;
}

export class ExportViewDto implements ExportView {
  @ApiProperty({ description: "The export's id, which is its evidence item's id in custody" }) exportId!: string;
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: ExportedByDto }) exportedBy!: ExportedByDto;
  @ApiProperty({ type: ReExportDto, nullable: true }) reExport!: ReExportDto | null;
}

export class HistoryEntryDto implements HistoryEntry {
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() rule?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ description: 'The person who acted' }) by?: string;
  @ApiPropertyOptional({ type: RulePackRefDto, description: 'the rule pack the step was decided under; absent for steps that decide nothing or recorded before' })
  rulePack?: RulePackRefDto;
}

export class RequestViewDto implements RequestView {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: REQUEST_KINDS }) kind!: string;
  @ApiProperty({ enum: VISIBLE_STATUSES }) status!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() filerPersonId!: string;
  @ApiProperty({ type: String, nullable: true }) coSignerPersonId!: string | null;
  @ApiProperty({ type: [String], description: 'The credentials the officers showed (R18.1–R18.3)' }) credentialNumbers!: string[];
  @ApiProperty() caseReference!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: [String] }) imageSystemIds!: string[];
  @ApiProperty({ type: [String] }) ownerOrganisationIds!: string[];
  @ApiProperty({ type: WindowDto }) window!: WindowDto;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty({ format: 'date-time' }) coSignDeadline!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) coSignedAt!: string | null;
  @ApiProperty({ type: DecisionDto, nullable: true }) decision!: DecisionDto | null;
  @ApiProperty({ type: [ExportViewDto] }) exports!: ExportViewDto[];
  @ApiPropertyOptional({ type: [HistoryEntryDto] }) history?: HistoryEntryDto[];
}

export class RequestPageDto extends PageDtoOf(RequestViewDto) {}

export class EscalationDto {
  @ApiProperty() imageSystemId!: string;
  @ApiProperty({ description: 'The PSB supervising the system, to whom it was escalated (R16.5)' }) supervisingOrganisationId!: string;
  @ApiProperty({ format: 'date-time', description: 'The deadline missed' }) fulfilBy!: string;
  @ApiProperty({ format: 'date-time' }) escalatedAt!: string;
}

export class FulfilmentItemDto extends RequestViewDto {
  @ApiProperty({ format: 'date-time', description: 'Since when the owner has had to cooperate (R16.5)' }) readySince!: string;
  @ApiProperty() ageMs!: number;
  @ApiProperty({ format: 'date-time', description: 'The deadline: readySince plus the configured time for the kind (R16.5)' }) fulfilBy!: string;
  @ApiProperty({ description: 'Past its deadline (R16.5)' }) overdue!: boolean;
  @ApiProperty({ type: [EscalationDto], description: 'Its recorded escalations to the supervising PSB, one per system (R16.5)' })
  escalations!: EscalationDto[];
}

export class FulfilmentQueueDto extends PageDtoOf(FulfilmentItemDto) {}
