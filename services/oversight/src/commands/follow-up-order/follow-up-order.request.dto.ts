import { FOLLOW_UP_RESULTS } from '@custos/contracts';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { TEXT_MAX } from '../shared/request-rules';

export class FollowUpOrderRequestDto {
  @IsIn(FOLLOW_UP_RESULTS) result!: 'COMPLIED' | 'NOT_COMPLIED';
  @IsString() @MaxLength(TEXT_MAX) notes!: string;
}
