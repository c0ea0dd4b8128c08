import { ORDER_KINDS } from '@custos/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsOffsetDateTime } from '@custos/platform';
import { ID_MESSAGE, ID_PATTERN, RULE_PATTERN, TEXT_MAX } from '../shared/request-rules';

export class ServeOrderRequestDto {
  /** REMOVAL for a camera where Article 8 forbids it (R22.1), RECTIFICATION otherwise. */
  @IsIn(ORDER_KINDS) kind!: 'REMOVAL' | 'RECTIFICATION';
  /** The reasons served with the order (R26.1). */
  @IsString() @IsNotEmpty() @MaxLength(TEXT_MAX) reasons!: string;
  /** The rules the order rests on, e.g. ["R8.1", "R22.1"] (R26.1). */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @Matches(RULE_PATTERN, { each: true }) legalBasis!: string[];
  /** The end of the period to rectify in (R23.1, R25.1). */
  @IsOptional() @IsOffsetDateTime() deadline?: string;
  /** The party, where the finding names no owner (else the finding's owner). */
  @IsOptional() @Matches(ID_PATTERN, { message: `partyOrganisationId ${ID_MESSAGE}` }) partyOrganisationId?: string;
}
