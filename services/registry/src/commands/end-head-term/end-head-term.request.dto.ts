import { IsOffsetDateTime } from '@custos/platform';

export class EndHeadTermRequestDto {
  /** First instant at which the person is no longer head (the term is half-open). */
  @IsOffsetDateTime() to!: string;
}
