import { ApiProperty } from '@nestjs/swagger';
import { OfficerCredentialDto } from '../../commands/evidence-item-commands.response.dto';

/** One line of the access register (R16.6): who accessed what, when, why, on which document. */
export class AccessRegisterEntryDto {
  @ApiProperty() entryId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'COPY, RETRIEVE, VIEW, DELIVERY or DIRECT_ACCESS' }) accessKind!: string;
  @ApiProperty({ description: "'' for a view of footage in a viewing session" }) evidenceItemId!: string;
  @ApiProperty() requestingOrganisationId!: string;
  @ApiProperty({ type: [OfficerCredentialDto] }) persons!: OfficerCredentialDto[];
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: String, nullable: true }) approvalDocumentNumber!: string | null;
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Bytes delivered, for a download' }) bytes!: number | null;
  @ApiProperty({ type: String, nullable: true }) sha256!: string | null;
  @ApiProperty({ type: String, nullable: true }) viewingSessionId!: string | null;
}

export class AccessRegisterPageDto {
  @ApiProperty({ type: [AccessRegisterEntryDto] }) entries!: AccessRegisterEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: string | null;
}
