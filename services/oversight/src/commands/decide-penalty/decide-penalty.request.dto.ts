import { PENALISED_PARTIES } from '@custos/contracts';
import { PENALTY_ARTICLES } from '@custos/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { RULE_PATTERN, TEXT_MAX } from '../shared/request-rules';

export class ResponsiblePersonDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  /** e.g. principal, directly responsible person (R25.1). */
  @IsString() @IsNotEmpty() @MaxLength(200) role!: string;
}

export class DecidePenaltyRequestDto {
  /** The penalty article (R22.1–R25.1) the breached rule falls under. */
  @IsIn(Object.keys(PENALTY_ARTICLES)) article!: string;
  @IsIn(PENALISED_PARTIES) party!: 'UNIT' | 'PERSON';
  /** The amount the PSB decided, in CNY: recorded, never computed; checked against the article's range. */
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) amountCny!: number;
  /** The order found not complied with, where the article fines only after one (R22.1, R23.1, R25.1). */
  @IsOptional() @IsString() @MaxLength(200) orderId?: string;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ResponsiblePersonDto) responsiblePersons!: ResponsiblePersonDto[];
  @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) reasons!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @Matches(RULE_PATTERN, { each: true }) legalBasis!: string[];
}
