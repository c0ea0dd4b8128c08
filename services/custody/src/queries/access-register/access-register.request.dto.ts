import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PagingOf } from '@custos/platform';
import { REGISTER_PAGE_DEFAULT, REGISTER_PAGE_MAX } from '../custody-views.port';

/** Pages of up to 500 entries (R16.6), by the cursor every list uses (issue 15). */
export class AccessRegisterQueryDto extends PagingOf(REGISTER_PAGE_MAX, REGISTER_PAGE_DEFAULT) {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: the whole register in your scope, streamed; paging does not apply' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
