import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../shared/request-rules';

export class ApplyToCourtRequestDto {
  /** The people's court applied to. */
  @IsString() @IsNotEmpty() @MaxLength(200) court!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) reasons!: string;
}
