import { PageDtoOf } from '@custos/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OfficerCredentialDto } from '../evidence-item-commands.response.dto';
import { TimeWindowDto } from '../../queries/evidence-items/evidence-items.response.dto';
import { SessionStateBaseDto, SessionViewBaseDto } from '../../shared/session.response.dto';

/** An approved direct access of the caller's organ (R17.4). */
export class DirectAccessGrantDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['PENDING', 'GRANTED', 'REVOKED', 'CLOSED'] }) status!: string;
  @ApiProperty() requestingOrganisationId!: string;
  @ApiProperty() requestingDivisionCode!: string;
  @ApiProperty({ type: [String] }) ownerOrganisationIds!: string[];
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty() caseReference!: string;
  @ApiProperty() purpose!: string;
  @ApiPropertyOptional() approvalDocumentNumber?: string;
  @ApiPropertyOptional() issuingOrganisationId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: "The grant's period, from the approval document's window (R17.4)" }) grantFrom?: string;
  @ApiPropertyOptional({ format: 'date-time' }) grantTo?: string;
  @ApiPropertyOptional({ format: 'date-time' }) validUntil?: string;
}

/** A page of grants, in the order they were granted. */
export class DirectAccessGrantPageDto extends PageDtoOf(DirectAccessGrantDto, 'DirectAccessGrantPageDto') {}

export class DirectAccessSessionViewDto extends SessionViewBaseDto {
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty({ enum: ['OPEN', 'ENDED'] }) status!: string;
  @ApiProperty({ type: [String] }) ownerOrganisationIds!: string[];
  @ApiProperty({ type: [OfficerCredentialDto] }) officers!: OfficerCredentialDto[];
  @ApiProperty({ type: TimeWindowDto }) grant!: TimeWindowDto;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) accessStartedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt!: string | null;
}

/** A page of sessions, newest first. */
export class DirectAccessSessionPageDto extends PageDtoOf(DirectAccessSessionViewDto, 'DirectAccessSessionPageDto') {}

/** A session's state after a command on it. */
export class DirectAccessSessionStateDto extends SessionStateBaseDto {
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ enum: ['OPEN', 'ENDED'] }) status!: string;
  @ApiProperty({ type: [OfficerCredentialDto], description: 'Access starts once two are in (R18.1)' }) officers!: OfficerCredentialDto[];
  @ApiPropertyOptional() endReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) endedAt?: string;
}

export class JoinedDirectAccessSessionDto extends DirectAccessSessionStateDto {
  @ApiProperty({ description: 'False when the officer had joined before' }) joinedNow!: boolean;
}
