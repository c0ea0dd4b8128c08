import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ApprovedCamerasDto } from '../export-footage/export-footage.request.dto';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** "Not held" for an approved copy or retrieval: its document, and the cameras answered for (all by default). */
export class AnswerNotHeldRequestDto extends ApprovedCamerasDto {
  @ApiProperty({ description: 'The requesting organ, as your fulfilment queue names it: its officers see the answer' })
  @Matches(ID, { message: 'requestingOrganisationId must be 1–128 letters, digits, dots, colons, underscores or hyphens' })
  requestingOrganisationId!: string;
}
