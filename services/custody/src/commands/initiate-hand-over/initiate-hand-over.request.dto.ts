import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SignedApprovalDocumentDto } from '@custos/platform';

/** The first receiving officer presents the approval document (R18.5) and the purpose (R16.6). */
export class InitiateHandOverRequestDto {
  @ApiProperty({ type: SignedApprovalDocumentDto })
  @IsDefined() // ValidateNested alone lets a missing document through to the handler
  @ValidateNested()
  @Type(() => SignedApprovalDocumentDto)
  approval!: SignedApprovalDocumentDto;

  @ApiProperty({ example: 'Investigation of case 2026-0117, theft at the east entrance' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  purpose!: string;
}
