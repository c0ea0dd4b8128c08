import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { OffsetDateTimeField } from '../../queries/shared/offset-date-time.field';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ID_MESSAGE = 'must be 1–128 letters, digits, dots, underscores or hyphens';

export class SegmentIdParams {
  @ApiProperty({ example: 'cam-1-20260215T1000Z' })
  @Matches(ID, { message: `segmentId ${ID_MESSAGE}` })
  segmentId!: string;
}

/** What a segment is: its camera, the time it covers [from, to), its container and codec. */
export class IngestSegmentRequestDto {
  @ApiProperty({ example: 'cam-1' })
  @Matches(ID, { message: `cameraId ${ID_MESSAGE}` })
  cameraId!: string;

  @OffsetDateTimeField('2026-02-15T10:00:00Z')
  from!: string;

  @OffsetDateTimeField('2026-02-15T11:00:00Z')
  to!: string;

  @ApiProperty({ example: 'mp4' })
  @IsString()
  @Matches(/^[a-z0-9]{1,16}$/, { message: 'container must be 1–16 lowercase letters or digits' })
  container!: string;

  @ApiProperty({ example: 'h264' })
  @IsString()
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'codec must be 1–40 letters, digits, dots, underscores or hyphens' })
  codec!: string;
}
