import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageDtoOf } from '@custos/platform';

/** A person named in an entry: an officer with the credential shown, or a service and on whose behalf it read. */
export class AccessRegisterPersonDto {
  @ApiProperty() personId!: string;
  @ApiProperty() credentialNumber!: string;
  @ApiPropertyOptional() service?: string;
  @ApiPropertyOptional() clientId?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) onBehalfOf?: Record<string, unknown>;
}

/** One access to footage (R16.6), as `AccessRegisterEntry` holds it. */
export class AccessRegisterEntryDto {
  @ApiProperty() entryId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'VIEW, COPY, RETRIEVE, DIRECT_ACCESS, DELIVERY, SERVICE_READ, …' }) accessKind!: string;
  @ApiProperty() evidenceItemId!: string;
  @ApiProperty() requestingOrganisationId!: string;
  @ApiProperty({ type: [AccessRegisterPersonDto] }) persons!: AccessRegisterPersonDto[];
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: 'string', nullable: true }) approvalDocumentNumber!: string | null;
  @ApiProperty() ownerOrganisationId!: string;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When a lasting access ended; null while it lasts' }) endedAt!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) endReason!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: "A delivery's bytes sent (R18.5)" }) bytes!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) sha256!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) viewingSessionId!: string | null;
}

export class AccessRegisterPageDto extends PageDtoOf(AccessRegisterEntryDto) {}
