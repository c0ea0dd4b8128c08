import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';

/**
 * The rule pack a decision applied (issue 21): `SX2012`, `CN2025`, or a composition national
 * first (`CN2025+SX2012`), with the version of Custos's encoding of each (`1.0.0+1.0.0`). The
 * ledger thereby proves under which text an approval, refusal or hand-over was decided.
 * Optional on every event that carries it: events recorded before issue 21 were decided under
 * SX2012 1.0.0 and carry none.
 */
export class RulePackRecord {
  @Matches(/^[A-Z][A-Z0-9]*(?:\+[A-Z][A-Z0-9]*)*$/) @MaxLength(60) id!: string;
  @Matches(/^[0-9A-Za-z.+-]+$/) @MaxLength(60) version!: string;
}

/** The optional `rulePack` field, declared once for every payload class that carries it. */
export abstract class DecidedUnderRulePack {
  @IsOptional() @ValidateNested() @Type(() => RulePackRecord) rulePack?: RulePackRecord;
}
