import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

export class PagingRequestDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class AtRequestDto {
  /** The instant asked about (ISO-8601); any past instant is answerable. */
  @IsISO8601({ strict: true }) at!: string;
}

export class OptionalAtRequestDto {
  @IsOptional() @IsISO8601({ strict: true }) at?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
