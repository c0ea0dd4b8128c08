import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
import { IngestSegmentRequestDto } from '../ingest-segment/ingest-segment.request.dto';

/** S3's limit of parts per upload, at the session's part size. */
const MAX_SIZE = 10_000 * 8 * 1024 * 1024;

/** A segment to upload in parts: what it is (as for a single upload), its id, size and SHA-256. */
export class CreateUploadSessionRequestDto extends IngestSegmentRequestDto {
  @ApiProperty({ example: 'cam-1-20260215T1000Z' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, { message: 'segmentId must be 1–128 letters, digits, dots, underscores or hyphens' })
  segmentId!: string;

  @ApiProperty({ example: 17825792, description: 'The whole segment in bytes' })
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  sizeBytes!: number;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', description: 'Hex SHA-256 of the whole segment, checked before it is stored' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' })
  sha256!: string;
}

export class UploadSessionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sessionId!: string;
}

export class UploadPartParams extends UploadSessionParams {
  @ApiProperty({ example: 1, minimum: 1, maximum: 10000 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  part!: number;
}
