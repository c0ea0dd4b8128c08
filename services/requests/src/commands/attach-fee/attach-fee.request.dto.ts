import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, Matches } from 'class-validator';

/** An owner's attempt to attach a charge to a request; refused unless it is zero (R17.5). */
export class AttachFeeDto {
  @ApiProperty({ description: 'the amount the owner wants to charge' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount!: number;

  @ApiPropertyOptional({ example: 'CNY' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/)
  currency?: string;
}
