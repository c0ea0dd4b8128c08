import { REGULATION_RULE_IDS } from '@custos/domain';
import { NonBlankText } from '@custos/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** The reason of a head's decision (a denial, a revocation): the officers see it and may contest it (R26.1). */
export class DecisionReasonDto {
  @NonBlankText(2000, 'why: the officers see it and may contest it (R26.1)')
  reason!: string;
}

/** A denial rests on a rule of the regulation, and where the head cites one, on another law's provision (R26.1). */
export class DenyRequestDto extends DecisionReasonDto {
  @ApiProperty({ enum: REGULATION_RULE_IDS, description: 'the rule the denial rests on, e.g. R17.1 (not needed for law enforcement)' })
  @IsIn(REGULATION_RULE_IDS)
  rule!: string;

  @NonBlankText(500, "another law's provision the denial rests on, as written", { optional: true })
  legalBasis?: string;
}
