import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController, UuidParam } from '@custos/platform';
import { WithdrawRequestResultDto } from './withdraw-request.response.dto';
import { WithdrawRequestCommand } from './withdraw-request.command';
import { WithdrawRequestDto } from './withdraw-request.request.dto';
import { RequestCommandController } from '../request-command.http';
import { WITHDRAW_ERRORS } from '../../shared/api-errors';

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
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() body: WithdrawRequestDto,
  ): Promise<{ requestId: string; status: 'WITHDRAWN' }> {
    return this.commands.execute(new WithdrawRequestCommand(principal, id, body.reason));
  }
}
