import { IsIn, IsOptional } from 'class-validator';

export class AccessRegisterQueryDto {
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
