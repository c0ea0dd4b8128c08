import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsRequestRefusals, RequestRefusalInterceptor } from '../../shared/request-refusal.interceptor';
import { ApiCodedErrors } from '@custos/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { FileRequestResultDto } from './file-request.response.dto';
import { FileRequestCommand, FileRequestResult } from './file-request.command';
import { FileRequestDto } from './file-request.request.dto';
import { FILE_REQUEST_ERRORS } from '../../shared/api-errors';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
@RecordsRequestRefusals('FILE')
@UseInterceptors(RequestRefusalInterceptor)
export class FileRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Files a request; it is registered only once a second officer co-signs (R18.1). */
  @Roles('OFFICER')
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: FileRequestResultDto })
  @ApiCodedErrors(FILE_REQUEST_ERRORS)
  @ApiOperation({ summary: 'Files a request for footage (R17.1, R17.4, R18.4)' })
  file(@CurrentPrincipal() principal: Principal, @Body() body: FileRequestDto): Promise<FileRequestResult> {
    return this.commands.execute(new FileRequestCommand(principal, body));
  }
}
