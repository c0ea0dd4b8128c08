import { REQUEST_KINDS } from '@custos/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOffsetDateTime, NonBlankText } from '@custos/platform';

export class RequestWindowDto {
  @ApiProperty({ example: '2025-05-01T08:00:00.000Z' })
  @IsOffsetDateTime()
  from!: string;

  @ApiProperty({ example: '2025-05-01T09:00:00.000Z' })
  @IsOffsetDateTime()
  to!: string;
}

/** A request to view, copy, retrieve or directly access footage (R17.1, R17.4), for the caller's organ. */
export class FileRequestDto {
  @ApiProperty({ enum: REQUEST_KINDS })
  @IsIn(REQUEST_KINDS)
  kind!: string;

  @NonBlankText(100, 'the case the footage is needed for')
  caseReference!: string;

  @NonBlankText(2000, 'why the footage is needed (R18.4: purpose-bound)')
  purpose!: string;

  @ApiProperty({ type: [String], description: 'the cameras whose footage is asked for' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  cameraIds!: string[];

  @ApiProperty({ type: RequestWindowDto, description: 'footage window, or for DIRECT_ACCESS the grant period' })
  @IsDefined()
  @ValidateNested()
  @Type(() => RequestWindowDto)
  window!: RequestWindowDto;
}
