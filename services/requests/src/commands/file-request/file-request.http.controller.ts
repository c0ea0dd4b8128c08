import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsRequestRefusals } from '../../shared/request-refusal.interceptor';
import { CommandEndpoint } from '@custos/platform';
import { ApiTags } from '@nestjs/swagger';
import { FileRequestResultDto } from './file-request.response.dto';
import { FileRequestCommand, FileRequestResult } from './file-request.command';
import { FileRequestDto } from './file-request.request.dto';
import { FILE_REQUEST_ERRORS } from '../../shared/api-errors';

@ApiTags('requests')
@Controller('requests')
@RecordsRequestRefusals('FILE')
export class FileRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

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
