import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { SignedApprovalDocumentDto } from '../export-footage/export-footage.request.dto';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** "Not held" for an approved copy or retrieval: its document, and the cameras answered for (all by default). */
export class AnswerNotHeldRequestDto {
  @ApiProperty({ type: SignedApprovalDocumentDto })
  @ValidateNested()
  @Type(() => SignedApprovalDocumentDto)
  approval!: SignedApprovalDocumentDto;

  @ApiProperty({ description: 'The requesting organ, as your fulfilment queue names it: its officers see the answer' })
  @Matches(ID, { message: 'requestingOrganisationId must be 1–128 letters, digits, dots, colons, underscores or hyphens' })
  requestingOrganisationId!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  cameraIds?: string[];
}
