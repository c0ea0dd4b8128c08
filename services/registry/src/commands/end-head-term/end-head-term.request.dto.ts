import { IsISO8601 } from 'class-validator';

export class EndHeadTermRequestDto {
  /** First instant at which the person is no longer head (the term is half-open). */
  @IsISO8601({ strict: true }) to!: string;
}
