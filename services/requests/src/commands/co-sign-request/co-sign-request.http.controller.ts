import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsRequestRefusals, RequestRefusalInterceptor } from '../../shared/request-refusal.interceptor';
import { ApiCodedErrors } from '@custos/platform';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { CoSignRequestResultDto } from './co-sign-request.response.dto';
import { CoSignRequestCommand, CoSignRequestResult } from './co-sign-request.command';
import { CO_SIGN_ERRORS } from '../../shared/api-errors';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
@RecordsRequestRefusals('CO_SIGN')
@UseInterceptors(RequestRefusalInterceptor)
export class CoSignRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Co-signs a colleague's request as the second officer, with the credential of the caller's token (R18.1). */
  @Roles('OFFICER')
  @Post(':id/co-sign')
  @HttpCode(200)
  @ApiOkResponse({ type: CoSignRequestResultDto, description: 'Co-signed with the credential the caller shows (R18.1–R18.3)' })
  @ApiCodedErrors(CO_SIGN_ERRORS)
  @ApiOperation({ summary: 'Co-signs a request as its second officer (R18.1)' })
  coSign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<CoSignRequestResult> {
    return this.commands.execute(new CoSignRequestCommand(principal, id));
  }
}
