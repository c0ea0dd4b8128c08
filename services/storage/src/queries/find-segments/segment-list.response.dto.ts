import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDtoOf } from '@custos/platform';

/** A stored segment as the lists answer it (`segmentView`). */
export class SegmentViewDto {
  @ApiProperty() segmentId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() imageSystemId!: string;
  @ApiProperty() cameraId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() container!: string;
  @ApiProperty() codec!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ format: 'date-time', description: 'Kept at least until (R16.7)' }) retainUntil!: string;
  @ApiProperty({ format: 'date-time' }) ingestedAt!: string;
  @ApiPropertyOptional({ description: 'The media type it is served with (service lists)' }) contentType?: string;
}

export class SegmentPageDto extends PageDtoOf(SegmentViewDto) {}

/** Segments in the repositories' order (start, camera, id): the cursor is that key. */
export const SEGMENT_KEY = (s: Record<string, unknown>) => [String(s.from), String(s.cameraId), String(s.segmentId)];
