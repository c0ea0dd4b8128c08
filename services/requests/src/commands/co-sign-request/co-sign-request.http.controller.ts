import { CurrentPrincipal, Principal } from '@custos/auth';
import { Param } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { CoSignRequestResultDto } from './co-sign-request.response.dto';
import { CoSignRequestCommand, CoSignRequestResult } from './co-sign-request.command';
import { RequestCommandController } from '../request-command.http';
import { CO_SIGN_ERRORS } from '../../shared/api-errors';
import { RequestPath } from '../request-paths';

@RequestCommandController('CO_SIGN')
export class CoSignRequestHttpController extends CommandHttpController {
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
  coSign(@CurrentPrincipal() principal: Principal, @Param() path: RequestPath): Promise<CoSignRequestResult> {
    return this.commands.execute(new CoSignRequestCommand(principal, path.id));
  }
}
