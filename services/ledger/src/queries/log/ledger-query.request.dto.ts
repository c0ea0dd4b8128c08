import { Type } from 'class-transformer';
import { PagingOf } from '@custos/platform';
import { MAX_ENTRIES_PAGE } from './ledger-queries';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/** `GET /ledger/entries`: a page of entries in log order, by the cursor every list uses (issue 15). */
export class EntriesQueryDto extends PagingOf(MAX_ENTRIES_PAGE, 100) {}

/** `GET /ledger/proofs/inclusion`: by leaf index or by event id, in the latest checkpoint unless a size is given. */
export class InclusionQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) leafIndex?: number;
  @IsOptional() @IsUUID() eventId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) treeSize?: number;
}

/** `GET /ledger/proofs/consistency`: the tree of size `from` is a prefix of the tree of size `to`. */
export class ConsistencyQueryDto {
  @Type(() => Number) @IsInt() @Min(1) from!: number;
  @Type(() => Number) @IsInt() @Min(1) to!: number;
}
