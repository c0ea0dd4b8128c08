import { PageDtoOf } from '@custos/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ViewingSessionView } from './viewing-views.port';
import { OfficerCredentialDto } from '../../commands/evidence-item-commands.response.dto';
import { TimeWindowDto } from '../evidence-items/evidence-items.response.dto';
import { PlaybackLinkSet } from './playback-links';
import { SessionStateBaseDto, SessionViewBaseDto } from '../../shared/session.response.dto';

export class ViewingSessionViewDto extends SessionViewBaseDto implements ViewingSessionView {
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: 'OPEN' | 'CLOSED';
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty({ type: [OfficerCredentialDto], description: 'The two officers who signed the request (R18.1)' }) coSigners!: OfficerCredentialDto[];
  @ApiProperty({ type: [OfficerCredentialDto] }) joined!: OfficerCredentialDto[];
  @ApiProperty({ type: TimeWindowDto }) window!: TimeWindowDto;
  @ApiProperty({ format: 'date-time', description: 'When it closes by itself (R18.4)' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) viewingStartedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closeReason!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
}

/** A page of sessions, newest first. */
export class ViewingSessionPageDto extends PageDtoOf(ViewingSessionViewDto, 'ViewingSessionPageDto') {}

/** A session's state after a command on it. */
export class ViewingSessionStateDto extends SessionStateBaseDto {
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty({ enum: ['OPEN', 'CLOSED'] }) status!: string;
  @ApiProperty({ type: [OfficerCredentialDto] }) joined!: OfficerCredentialDto[];
  @ApiProperty({ description: 'Playback starts once both officers have joined (R18.1)' }) bothJoined!: boolean;
  @ApiPropertyOptional() closeReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
}

export class JoinedViewingSessionDto extends ViewingSessionStateDto {
  @ApiProperty({ description: 'False when the officer had joined before' }) joinedNow!: boolean;
}

export class SegmentLinkDto {
  @ApiProperty() segmentId!: string;
  @ApiProperty() cameraId!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() contentType!: string;
  @ApiProperty({ description: "Relative to /viewing-sessions/{id}/: a range-request source for a <video>" }) url!: string;
}

export class PlaybackLinkSetDto implements PlaybackLinkSet {
  @ApiProperty() sessionId!: string;
  @ApiProperty({ description: 'Relative to /viewing-sessions/{id}/' }) playerUrl!: string;
  @ApiProperty() playerLink!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'When to ask for fresh links' }) refreshAfterMs!: number;
  @ApiProperty({ type: [SegmentLinkDto] }) segments!: SegmentLinkDto[];
}

/** A co-signed VIEW request naming the owner's systems (R18.1). */
export class ViewRequestDto {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['FILED', 'CO_SIGNED', 'WITHDRAWN', 'EXPIRED'] }) status!: string;
  @ApiProperty() requestingOrganisationId!: string;
  @ApiProperty() requestingDivisionCode!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: [String] }) imageSystemIds!: string[];
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: [String] }) ownerOrganisationIds!: string[];
  @ApiProperty({ format: 'date-time' }) windowFrom!: string;
  @ApiProperty({ format: 'date-time' }) windowTo!: string;
  @ApiProperty({ type: OfficerCredentialDto }) filer!: OfficerCredentialDto;
  @ApiPropertyOptional({ type: OfficerCredentialDto }) coSigner?: OfficerCredentialDto;
}

/** A page of co-signed VIEW requests, newest first by when they were co-signed. */
export class ViewRequestPageDto extends PageDtoOf(ViewRequestDto) {}
