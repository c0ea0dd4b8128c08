import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN, NAME_MAX } from '../shared/request-rules';

export class RegisterOperatorRequestDto {
  @IsOptional() @Matches(ID_PATTERN, { message: `id ${ID_MESSAGE}` }) id?: string;
  @Matches(ID_PATTERN, { message: `personId ${ID_MESSAGE}` }) personId!: string;
  /** The owner whose monitoring and management staff the operator is (R16.2). */
  @Matches(ID_PATTERN, { message: `organisationId ${ID_MESSAGE}` }) organisationId!: string;
  @IsString() @IsNotEmpty() @MaxLength(NAME_MAX) name!: string;
}
