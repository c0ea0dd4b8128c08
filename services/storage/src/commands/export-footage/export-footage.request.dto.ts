import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MASKED_FEATURES, MaskedFeature } from '@custos/domain';
import { PresentedApprovalDocument, SignedApprovalDocumentDto } from '@custos/platform';
import { OffsetDateTimeField } from '../../queries/shared/offset-date-time.field';

/** An approved copy or retrieval's document, and optionally some of its cameras (by default all). */
export class ApprovedCamerasDto {
  @PresentedApprovalDocument()
  approval!: SignedApprovalDocumentDto;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  cameraIds?: string[];
}

/** A second export of a document already exported is asked for explicitly, with its reason (R18.5). */
export class ReExportDto {
  @ApiProperty({ example: 'The first package was damaged in transit to the court' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** The masking of footage for public dissemination, done by hand and recorded (CN2025-PUBLISH). */
export class MaskingDto {
  @ApiProperty({ example: 'operator-7', description: 'who masked the footage' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  maskedBy!: string;

  @OffsetDateTimeField('2026-02-16T09:00:00Z')
  maskedAt!: string;

  @ApiProperty({ description: 'Hex SHA-256 of the masked file to be published' })
  @Matches(/^[0-9a-f]{64}$/)
  maskedSha256!: string;

  @ApiProperty({ enum: MASKED_FEATURES, isArray: true, description: 'what was masked' })
  @IsArray()
  @IsIn(MASKED_FEATURES, { each: true })
  features!: MaskedFeature[];
}

/**
 * An export for an approved copy or retrieval: the approval document, and optionally a
 * narrower part of its scope (cameras, window); by default the whole approved scope.
 */
export class ExportFootageRequestDto extends ApprovedCamerasDto {
  @OffsetDateTimeField('2026-02-15T10:00:00Z', 'optional')
  from?: string;

  @OffsetDateTimeField('2026-02-15T12:00:00Z', 'optional')
  to?: string;

  @ApiPropertyOptional({ type: ReExportDto, description: 'Required to export a document a second time' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReExportDto)
  reExport?: ReExportDto;

  @ApiPropertyOptional({
    enum: ['EVIDENCE', 'PUBLICATION'],
    description:
      'PUBLICATION: a release for public dissemination (CN2025-PUBLISH): where the national regulation applies, refused unless the masking is recorded; the package then holds no footage bytes, only the sources\' hashes and the masking record',
  })
  @IsOptional()
  @IsIn(['EVIDENCE', 'PUBLICATION'])
  purpose?: 'EVIDENCE' | 'PUBLICATION';

  @ApiPropertyOptional({ type: MaskingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MaskingDto)
  masking?: MaskingDto;
}

/** One line of `POST /footage/exports/with-progress`: progress, then done (with the export) or failed. */
export class ExportProgressLineDto {
  @ApiProperty({ enum: ['progress', 'done', 'failed'] })
  type!: 'progress' | 'done' | 'failed';

  @ApiPropertyOptional({ description: 'progress: bytes of the package written so far' })
  bytes?: number;

  @ApiPropertyOptional({ description: "progress: about the package's size (its footage plus headers)" })
  totalBytes?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'done: the export, as POST /footage/exports answers it' })
  export?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'failed: the code of what failed while the package was written' })
  code?: string;
}
