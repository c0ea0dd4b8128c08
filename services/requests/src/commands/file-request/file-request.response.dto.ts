import { ApiProperty } from '@nestjs/swagger';
import { FileRequestResult } from './file-request.command';

export class FileRequestResultDto implements FileRequestResult {
  @ApiProperty() requestId!: string;
  @ApiProperty({ enum: ['AWAITING_CO_SIGNATURE'] }) status!: 'AWAITING_CO_SIGNATURE';
  @ApiProperty({ format: 'date-time', description: 'A second officer of the organ co-signs by then, or the request expires (R18.1)' })
  coSignDeadline!: string;
}
