import { IsOptional } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';

export { Page, PageRequestDto as PagingRequestDto } from '@custos/platform';

export class AtRequestDto {
  /** The instant asked about (ISO-8601); any past instant is answerable. */
  @IsOffsetDateTime() at!: string;
}

export class OptionalAtRequestDto {
  @IsOptional() @IsOffsetDateTime() at?: string;
}
