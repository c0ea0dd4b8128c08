import { PageDtoOf } from '@custos/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceItemView, PendingTransferView } from '../custody-views.port';

export class PendingTransferDto implements PendingTransferView {
  @ApiProperty() transferId!: string;
  @ApiProperty() toOrganisationId!: string;
  @ApiProperty({ type: String, nullable: true }) toPersonId!: string | null;
  @ApiProperty() purpose!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The first target officer who attested' }) attestedBy!: string | null;
}

/** A half-open window [from, to) of footage. */
export class TimeWindowDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
}

export class EvidenceItemViewDto implements EvidenceItemView {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() exportId!: string;
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['COPY', 'RETRIEVE'] }) kind!: string;
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty() holderOrganisationId!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'SHA-256 of the package recorded at export (R18.5)' }) packageSha256!: string;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: TimeWindowDto }) window!: TimeWindowDto;
  @ApiProperty({ description: 'An integrity mismatch was detected: transfers stop' }) alarm!: boolean;
  @ApiProperty({ type: PendingTransferDto, nullable: true }) pendingTransfer!: PendingTransferDto | null;
}

/** A page of evidence items, newest first. */
export class EvidenceItemPageDto extends PageDtoOf(EvidenceItemViewDto, 'EvidenceItemPageDto') {}

export const CUSTODY_TIMELINE_STEPS = [
  'EXPORTED',
  'HAND_OVER_INITIATED',
  'HANDED_OVER',
  'RECEIVED',
  'VERIFIED',
  'INTEGRITY_MISMATCH',
  'TRANSFER_REQUESTED',
  'TRANSFER_ATTESTED',
  'TRANSFERRED',
  'TRANSFER_CANCELLED',
  'VIEWED',
  'DELIVERY_STARTED',
  'DELIVERED',
  'DELIVERY_INTERRUPTED',
  'REFUSED',
] as const;
export type CustodyTimelineStep = (typeof CUSTODY_TIMELINE_STEPS)[number];

export class TimelineOfficerDto {
  @ApiProperty() personId!: string;
  @ApiProperty() organisationId!: string;
  @ApiPropertyOptional() credentialNumber?: string;
}

/** One step of a package's chain of custody: when, who (ids; the registry's directory names them), and the outcome. */
export class CustodyTimelineStepDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: CUSTODY_TIMELINE_STEPS }) step!: CustodyTimelineStep;
  @ApiProperty({ type: [TimelineOfficerDto], description: 'Who acted: one officer, or the two of a hand-over or transfer (R18.1)' })
  officers!: TimelineOfficerDto[];
  @ApiPropertyOptional({ description: 'The organisation that acted or held it' }) organisationId?: string;
  @ApiPropertyOptional({ description: 'Where it went: the receiving or target organisation' }) toOrganisationId?: string;
  @ApiPropertyOptional({ description: 'A check: did every copy match (R18.5)' }) match?: boolean;
  @ApiPropertyOptional({ enum: ['STORED', 'RECEIVED'] }) failedCopy?: string;
  @ApiPropertyOptional() bytes?: number;
  @ApiPropertyOptional() purpose?: string;
  @ApiPropertyOptional({ description: 'The hand-over a second officer confirms (R18.1)' }) handOverId?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ enum: ['INITIATE', 'CONFIRM', 'RECEIPT', 'DELIVERY'] }) refusedStep?: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() rule?: string;
}

export class CustodyTimelineDto {
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty({ type: [CustodyTimelineStepDto], description: 'Oldest first' }) steps!: CustodyTimelineStepDto[];
}
