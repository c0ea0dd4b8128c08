import { CHALLENGE_KINDS, CHALLENGEABLE_ACTS } from '@custos/contracts';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../shared/request-rules';

export class FileChallengeRequestDto {
  @IsIn(CHALLENGEABLE_ACTS) actKind!: 'ORDER' | 'PENALTY';
  @IsString() @IsNotEmpty() @MaxLength(200) actId!: string;
  @IsIn(CHALLENGE_KINDS) kind!: 'RECONSIDERATION' | 'SUIT';
  /** The reconsideration organ or the court. */
  @IsString() @IsNotEmpty() @MaxLength(200) body!: string;
  @IsString() @MaxLength(TEXT_MAX) grounds!: string;
}
