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
  IsISO8601,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** An instant needs its time and offset: a bare date means a different instant in each time zone. */
const INSTANT = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export class RequestWindowDto {
  @ApiProperty({ example: '2025-05-01T08:00:00.000Z' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(INSTANT, { message: 'from must be an instant with its time and offset' })
  from!: string;

  @ApiProperty({ example: '2025-05-01T09:00:00.000Z' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(INSTANT, { message: 'to must be an instant with its time and offset' })
  to!: string;
}

/** A request to view, copy, retrieve or directly access footage (R17.1, R17.4), for the caller's organ. */
export class FileRequestDto {
  @ApiProperty({ enum: REQUEST_KINDS })
  @IsIn(REQUEST_KINDS)
  kind!: string;

  @ApiProperty({ description: 'the case the footage is needed for', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'caseReference must not be blank' })
  caseReference!: string;

  @ApiProperty({ description: 'why the footage is needed (R18.4: purpose-bound)', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'purpose must not be blank' })
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
