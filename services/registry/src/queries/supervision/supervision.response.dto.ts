import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDtoOf } from '@custos/platform';

export class MandatorySiteViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: ['R7.1', 'R7.2'] }) rule!: string;
  @ApiProperty() address!: string;
  @ApiProperty() divisionCode!: string;
  @ApiProperty({ description: 'The PSB that recorded the site and answers for it' }) responsibleOrganisationId!: string;
  @ApiProperty({ format: 'date-time' }) dutySince!: string;
  @ApiProperty({ type: [String], description: 'Registered systems in use that cover it' }) coveringSystemIds!: string[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Without a system since (its duty began, or its last covering system was removed); null when covered' })
  uncoveredSince!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the grace ends and oversight finds it without a system' }) dueAt!: string | null;
  @ApiProperty() overdue!: boolean;
}

export class MandatorySitePageDto extends PageDtoOf(MandatorySiteViewDto) {
  @ApiProperty({ type: 'integer', description: 'The grace in days before a site without a system is a finding' }) graceDays!: number;
}

export class FacilityChangeQueueItemDto {
  @ApiProperty() imageSystemId!: string;
  @ApiProperty({ type: 'string', nullable: true }) systemName!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) ownerOrganisationId!: string | null;
  @ApiProperty() changeId!: string;
  @ApiProperty({ enum: ['CHANGED', 'REMOVED'] }) kind!: string;
  @ApiPropertyOptional() cameraId?: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Received: stamped by the registry' }) reportedAt!: string;
  @ApiProperty({ type: 'string', nullable: true }) addressedToOrganisationId!: string | null;
  @ApiProperty({ type: 'string', enum: ['ARTICLE_7', 'NONE'], nullable: true }) duty!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'The first late instant (24:00 Beijing of the 30th day, R15.1)' }) deadline!: string | null;
  @ApiProperty({ description: 'Reported after the deadline (R15.1)' }) late!: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) acknowledgedBy!: string | null;
}

export class FacilityChangeQueueDto extends PageDtoOf(FacilityChangeQueueItemDto) {}

export class SignagePhotoViewDto {
  @ApiProperty() sha256!: string;
  @ApiPropertyOptional() mediaType?: string;
  @ApiPropertyOptional({ type: 'integer' }) sizeBytes?: number;
  @ApiPropertyOptional() reference?: string;
}

export class SignageEvidenceViewDto {
  @ApiProperty() evidenceId!: string;
  @ApiProperty({ enum: ['PHOTO', 'INSPECTION'] }) kind!: string;
  @ApiProperty() shown!: boolean;
  @ApiProperty({ format: 'date-time' }) observedAt!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiPropertyOptional({ type: SignagePhotoViewDto }) photo?: SignagePhotoViewDto;
  @ApiPropertyOptional() inspectionReference?: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ description: 'The latest observation, which sets what the sign is now' }) current!: boolean;
  @ApiProperty({ description: 'Shows again a sign that was missing' }) rectifies!: boolean;
  @ApiProperty({ description: 'Who observed and recorded it (person id)' }) recordedByPersonId!: string;
  @ApiProperty({ description: 'Their organisation' }) recordedByOrganisationId!: string;
}

export class SignageHistoryDto {
  @ApiProperty() imageSystemId!: string;
  @ApiProperty() inPublicPlace!: boolean;
  @ApiProperty({ description: 'What the sign is now (R11.1)' }) signageShown!: boolean;
  @ApiProperty({ type: [SignageEvidenceViewDto], description: 'Every observation, oldest recorded first' }) evidence!: SignageEvidenceViewDto[];
}
