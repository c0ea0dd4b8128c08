import { Principal } from '@custos/auth';
import { FileRequestDto } from './file-request.request.dto';

export class FileRequestCommand {
  constructor(
    readonly principal: Principal,
    readonly body: FileRequestDto,
  ) {}
}

export interface FileRequestResult {
  readonly requestId: string;
  readonly status: 'AWAITING_CO_SIGNATURE';
  readonly coSignDeadline: string;
}
