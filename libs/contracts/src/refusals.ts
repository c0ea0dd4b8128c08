import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DecidedUnderRulePack } from './rule-pack-record';

/**
 * The authenticated caller of a refused act, as they presented themselves (their token's
 * claims): not necessarily registered, qualified or of the organ they claim.
 */
export class RefusedActor {
  @IsString() @MaxLength(200) personId!: string;
  @IsString() @MaxLength(200) subject!: string;
  @IsString() @MaxLength(200) organisationId!: string;
  @IsOptional() @IsString() @MaxLength(100) credentialNumber?: string;
}

/**
 * What every refusal of an authenticated act records (R26.1: every refusal carries its code,
 * rule and reason; R27.1: oversight sees attempts outside authority). A refusal is a fact of
 * its own, on a stream of its own beside the aggregate it was refused on, so that it changes
 * nothing of that aggregate and cannot make its real commands conflict.
 */
export class RefusalFacts extends DecidedUnderRulePack {
  @Matches(/^CUSTOS_[A-Z0-9_]+$/) @MaxLength(100) code!: string;
  /** The rule ID the refusal cites; `NONE` where its code cites none (`recordedRuleOf`). */
  @IsString() @MaxLength(20) rule!: string;
  @IsString() @MaxLength(2000) reason!: string;
  @ValidateNested() @Type(() => RefusedActor) actor!: RefusedActor;
  @IsISO8601() at!: string;
}
