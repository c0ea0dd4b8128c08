import { ApiProperty } from '@nestjs/swagger';

/** What every kind of session's answers name: which session, of which request, for whom, since when. */
class SessionRefDto {
  @ApiProperty() sessionId!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() requestingOrganisationId!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
}

/** What every kind of session's state after a command shows; its end follows by kind. */
export class SessionStateBaseDto extends SessionRefDto {
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

/** What every kind of session's view shows (`SessionViewBase`); each kind documents its `expiresAt`. */
export class SessionViewBaseDto extends SessionRefDto {
  @ApiProperty() caseReference!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: [String] }) cameraIds!: string[];
}
