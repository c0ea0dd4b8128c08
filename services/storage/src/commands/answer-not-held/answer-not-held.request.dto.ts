import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ApprovedCamerasDto } from '../export-footage/export-footage.request.dto';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** "Not held" for an approved copy or retrieval: its document, and the cameras answered for (all by default). */
export class AnswerNotHeldRequestDto extends ApprovedCamerasDto {
  @ApiPropertyOptional({
    description:
      'Optional and only checked: the requesting organ is the one the approval document names (its officers see the answer); another is refused with 400 CUSTOS_R18_5_REQUESTING_ORGAN_MISMATCH',
  })
  @IsOptional()
  @Matches(ID, { message: 'requestingOrganisationId must be 1–128 letters, digits, dots, colons, underscores or hyphens' })
  requestingOrganisationId?: string;
}
