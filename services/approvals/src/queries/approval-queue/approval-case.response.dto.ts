import { PageDtoOf } from '@custos/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ApprovalCaseView,
  ApprovalQueueCounts,
  ApprovalQueuePage,
  CaseDecisionView,
  CaseRoutingView,
  CaseSignerView,
} from './approval-queue.query';

const nullableString = { type: String, nullable: true } as const;

export class CaseSignerDto implements CaseSignerView {
  @ApiProperty({ enum: ['FILER', 'CO_SIGNER'] }) role!: 'FILER' | 'CO_SIGNER';
  @ApiProperty() personId!: string;
  @ApiProperty({ ...nullableString, description: 'as the registry names the officer; null when it cannot now' }) name!: string | null;
  @ApiProperty({ ...nullableString, description: 'the credential shown when signing (R18.2)' }) credentialNumber!: string | null;
}

export class CaseRoutingDto implements CaseRoutingView {
  @ApiProperty({ enum: ['R17.2', 'R17.3', 'R17.4'] }) rule!: string;
  @ApiProperty({ type: [String] }) approverOrgTypes!: string[];
  @ApiProperty(nullableString) minLevel!: string | null;
  @ApiProperty(nullableString) mustBeOrgId!: string | null;
  @ApiProperty(nullableString) jurisdictionMustContain!: string | null;
  @ApiProperty({ type: [String] }) systemDivisionCodes!: string[];
  @ApiProperty() reason!: string;
}

export class CaseOrganisationDto {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() divisionCode!: string;
  @ApiProperty(nullableString) name!: string | null;
}

export class CaseCameraDto {
  @ApiProperty() id!: string;
  @ApiProperty(nullableString) name!: string | null;
}

export class WindowDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
}

export class CaseDecisionDto implements CaseDecisionView {
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
  @ApiProperty(nullableString) approverPersonId!: string | null;
  @ApiProperty(nullableString) approverOrganisationId!: string | null;
  @ApiProperty({ ...nullableString, description: 'the reason of a denial or of a closing' }) reason!: string | null;
  @ApiProperty(nullableString) documentNumber!: string | null;
  @ApiProperty(nullableString) documentId!: string | null;
  @ApiProperty({ ...nullableString, format: 'date-time' }) revokedAt!: string | null;
  @ApiProperty(nullableString) revocationReason!: string | null;
}

/** The rule pack a decision was taken under (issue 21), e.g. `CN2025+SX2012`. */
export class RulePackRefDto {
  @ApiProperty({ example: 'CN2025+SX2012' }) id!: string;
  @ApiProperty({ example: '1.0.0+1.0.0' }) version!: string;
}

export class ApprovalCaseDto implements ApprovalCaseView {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ enum: ['COPY', 'RETRIEVE', 'DIRECT_ACCESS'] }) kind!: string;
  @ApiProperty({ enum: ['OPEN', 'APPROVED', 'DENIED', 'CLOSED'] }) status!: string;
  @ApiProperty({ description: 'the routing rule (routing.rule)' }) rule!: string;
  @ApiProperty({ type: CaseRoutingDto }) routing!: CaseRoutingDto;
  @ApiProperty({ type: CaseOrganisationDto }) requestingOrganisation!: CaseOrganisationDto;
  @ApiProperty({ type: [String] }) signerPersonIds!: string[];
  @ApiProperty({ type: [CaseSignerDto] }) signers!: CaseSignerDto[];
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: [CaseCameraDto] }) cameras!: CaseCameraDto[];
  @ApiProperty({ type: [String] }) imageSystemIds!: string[];
  @ApiProperty({ type: WindowDto }) window!: WindowDto;
  @ApiProperty() caseReference!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty() ageMs!: number;
  @ApiProperty({ type: CaseDecisionDto, nullable: true }) decision!: CaseDecisionDto | null;
  @ApiPropertyOptional({ type: RulePackRefDto, description: 'the rule pack the case was routed under; absent for cases opened before' })
  rulePack?: RulePackRefDto;
}

export class ApprovalQueuePageDto extends PageDtoOf(ApprovalCaseDto) implements ApprovalQueuePage {
  @ApiProperty({ description: 'false: the caller is no head in office now, and has no queue' }) head!: boolean;
}

export class KindCountsDto {
  @ApiProperty() COPY!: number;
  @ApiProperty() RETRIEVE!: number;
  @ApiProperty() DIRECT_ACCESS!: number;
}

export class ApprovalQueueCountsDto implements ApprovalQueueCounts {
  @ApiProperty() head!: boolean;
  @ApiProperty() total!: number;
  @ApiProperty({ type: KindCountsDto }) byKind!: KindCountsDto;
  @ApiPropertyOptional({ ...nullableString, format: 'date-time' }) oldestOpenedAt!: string | null;
}
