import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { FileRequestResultDto } from './file-request.response.dto';
import { FileRequestCommand, FileRequestResult } from './file-request.command';
import { FileRequestDto } from './file-request.request.dto';
import { RequestCommandController } from '../request-command.http';
import { FILE_REQUEST_ERRORS } from '../../shared/api-errors';

@RequestCommandController('FILE')
export class FileRequestHttpController extends CommandHttpController {
  /** Files a request; it is registered only once a second officer co-signs (R18.1). */
  @CommandEndpoint({
    summary: 'Files a request for footage (R17.1, R17.4, R18.4)',
    response: FileRequestResultDto,
    roles: ['OFFICER'],
    refusals: FILE_REQUEST_ERRORS,
  })
  file(@CurrentPrincipal() principal: Principal, @Body() body: FileRequestDto): Promise<FileRequestResult> {
    return this.commands.execute(new FileRequestCommand(principal, body));
  }
}
