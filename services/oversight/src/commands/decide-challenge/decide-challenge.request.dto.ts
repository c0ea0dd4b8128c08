import { CHALLENGE_OUTCOMES } from '@custos/contracts';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../shared/request-rules';

export class DecideChallengeRequestDto {
  /** QUASHED marks the act quashed and ends its effects (R26.1). */
  @IsIn(CHALLENGE_OUTCOMES) outcome!: 'UPHELD' | 'QUASHED' | 'VARIED' | 'WITHDRAWN';
  /** The number of the reconsideration decision or judgment. */
  @IsString() @IsNotEmpty() @MaxLength(200) reference!: string;
  @IsString() @MaxLength(TEXT_MAX) notes!: string;
}
