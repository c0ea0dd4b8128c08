import { CurrentPrincipal, Principal } from '@custos/auth';
import { Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsRequestRefusals } from '../../shared/request-refusal.interceptor';
import { CommandEndpoint } from '@custos/platform';
import { ApiTags } from '@nestjs/swagger';
import { CoSignRequestResultDto } from './co-sign-request.response.dto';
import { CoSignRequestCommand, CoSignRequestResult } from './co-sign-request.command';
import { CO_SIGN_ERRORS } from '../../shared/api-errors';

@ApiTags('requests')
@Controller('requests')
@RecordsRequestRefusals('CO_SIGN')
export class CoSignRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Co-signs a colleague's request as the second officer, with the credential of the caller's token (R18.1). */
  @CommandEndpoint({
    path: ':id/co-sign',
    status: 200,
    summary: 'Co-signs a request as its second officer (R18.1)',
    response: CoSignRequestResultDto,
    description: 'Co-signed with the credential the caller shows (R18.1–R18.3)',
    roles: ['OFFICER'],
    refusals: CO_SIGN_ERRORS,
  })
  coSign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
  ): Promise<CoSignRequestResult> {
    return this.commands.execute(new CoSignRequestCommand(principal, id));
  }
}
