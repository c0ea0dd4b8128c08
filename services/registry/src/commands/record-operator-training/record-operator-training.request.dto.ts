import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NAME_MAX } from '../shared/request-rules';

export class RecordOperatorTrainingRequestDto {
  @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) course!: string;
  /** The day the training was completed (YYYY-MM-DD); the domain checks it is a real day, not after today. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'completedOn must be a day, YYYY-MM-DD' }) completedOn!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) certificateNumber?: string;
}
