import { ApiProperty } from '@nestjs/swagger';
import { CoSignRequestResult } from './co-sign-request.command';

export class CoSignRequestResultDto implements CoSignRequestResult {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['AWAITING_APPROVAL', 'REGISTERED'], description: 'A view is registered; a copy, retrieval or direct access goes to approval' })
  status!: 'AWAITING_APPROVAL' | 'REGISTERED';
  @ApiProperty({ type: [String], description: "Both officers' credentials, as shown (R18.1–R18.3)" }) credentialNumbers!: string[];
}
