import { REGULATION_RULE_IDS } from '@custos/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** The reason of a head's decision (a denial, a revocation): the officers see it and may contest it (R26.1). */
export class DecisionReasonDto {
  @ApiProperty({ description: 'why: the officers see it and may contest it (R26.1)', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

/** A denial rests on a rule of the regulation, and where the head cites one, on another law's provision (R26.1). */
export class DenyRequestDto extends DecisionReasonDto {
  @ApiProperty({ enum: REGULATION_RULE_IDS, description: 'the rule the denial rests on, e.g. R17.1 (not needed for law enforcement)' })
  @IsIn(REGULATION_RULE_IDS)
  rule!: string;

  @ApiPropertyOptional({ description: "another law's provision the denial rests on, as written", maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(/\S/, { message: 'legalBasis must not be blank' })
  legalBasis?: string;
}
