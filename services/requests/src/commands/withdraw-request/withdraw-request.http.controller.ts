import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Param } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { WithdrawRequestResultDto } from './withdraw-request.response.dto';
import { WithdrawRequestCommand } from './withdraw-request.command';
import { WithdrawRequestDto } from './withdraw-request.request.dto';
import { RequestCommandController } from '../request-command.http';
import { WITHDRAW_ERRORS } from '../../shared/api-errors';
import { RequestPath } from '../request-paths';

@RequestCommandController('WITHDRAW')
export class WithdrawRequestHttpController extends CommandHttpController {
  @CommandEndpoint({
    path: ':id/withdraw',
    status: 200,
    summary: 'Withdraws a request not yet decided',
    response: WithdrawRequestResultDto,
    roles: ['OFFICER'],
    refusals: WITHDRAW_ERRORS,
  })
  withdraw(@CurrentPrincipal() principal: Principal, @Param() path: RequestPath, @Body() body: WithdrawRequestDto): Promise<{ requestId: string; status: 'WITHDRAWN' }> {
    return this.commands.execute(new WithdrawRequestCommand(principal, path.id, body.reason));
  }
}
