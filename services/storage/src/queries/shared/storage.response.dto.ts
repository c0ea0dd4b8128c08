import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A stored original as the API answers it (R16.3): what it is, its hash and its lock. */
export class SegmentDto {
  @ApiProperty() segmentId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() imageSystemId!: string;
  @ApiProperty() cameraId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() container!: string;
  @ApiProperty() codec!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
  @ApiProperty({ description: 'hex SHA-256 of the original' }) sha256!: string;
  @ApiProperty({ format: 'date-time', description: 'locked until (R16.7)' }) retainUntil!: string;
  @ApiProperty({ format: 'date-time' }) ingestedAt!: string;
}

/** A segment for another service, with the media type to play it with. */
export class ServiceSegmentDto extends SegmentDto {
  @ApiProperty({ example: 'video/mp4' }) contentType!: string;
}

export class NotHeldCameraDto {
  @ApiProperty() cameraId!: string;
  @ApiProperty() imageSystemId!: string;
  @ApiProperty({ type: 'integer', minimum: 30 }) retentionDays!: number;
  @ApiProperty({ enum: ['BEYOND_RETENTION', 'NOT_RECORDED'] }) reason!: string;
}

/** An owner's answer that the footage an approved copy or retrieval asks for is not held (R16.7). */
export class FootageNotHeldDto {
  @ApiProperty() answerId!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty() issuingOrganisationId!: string;
  @ApiProperty({ description: 'the requesting organ, whose officers see the answer' })
  requestingOrganisationId!: string;
  @ApiProperty({ description: 'the owner answering' }) organisationId!: string;
  @ApiProperty({ type: [NotHeldCameraDto] }) cameras!: NotHeldCameraDto[];
  @ApiProperty({ format: 'date-time' }) windowFrom!: string;
  @ApiProperty({ format: 'date-time' }) windowTo!: string;
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
}

export class NotHeldAnswersDto {
  @ApiProperty({ type: [FootageNotHeldDto] }) answers!: FootageNotHeldDto[];
}

class ExportWindowDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
}

class ReExportAnswerDto {
  @ApiProperty({ format: 'uuid' }) previousExportId!: string;
  @ApiProperty() reason!: string;
}

class NotCutDto {
  @ApiProperty() segmentId!: string;
  @ApiProperty() cameraId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: ExportWindowDto }) withinScope!: ExportWindowDto;
  @ApiProperty({ description: 'why it could not be cut at the bound' }) reason!: string;
}

/** An export package stored and recorded (R18.5): its hashes and the key that signed its manifest. */
export class ExportDto {
  @ApiProperty({ format: 'uuid' }) exportId!: string;
  @ApiProperty() approvalDocumentNumber!: string;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: ExportWindowDto }) window!: ExportWindowDto;
  @ApiProperty({ type: [String] }) segmentIds!: string[];
  @ApiProperty() packageSha256!: string;
  @ApiProperty({ type: 'integer' }) packageSizeBytes!: number;
  @ApiProperty() manifestSha256!: string;
  @ApiProperty() signerKeyId!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiPropertyOptional({ type: ReExportAnswerDto }) reExport?: ReExportAnswerDto;
  @ApiPropertyOptional({
    type: [NotCutDto],
    description: 'straddling segments that could not be cut at the bounds, left out (R3.1)',
  })
  notCut?: NotCutDto[];
}
