import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsRequestRefusals } from '../../shared/request-refusal.interceptor';
import { CommandEndpoint } from '@custos/platform';
import { ApiTags } from '@nestjs/swagger';
import { WithdrawRequestResultDto } from './withdraw-request.response.dto';
import { WithdrawRequestCommand } from './withdraw-request.command';
import { WithdrawRequestDto } from './withdraw-request.request.dto';
import { WITHDRAW_ERRORS } from '../../shared/api-errors';

@ApiTags('requests')
@Controller('requests')
@RecordsRequestRefusals('WITHDRAW')
export class WithdrawRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

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
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: WithdrawRequestDto,
  ): Promise<{ requestId: string; status: 'WITHDRAWN' }> {
    return this.commands.execute(new WithdrawRequestCommand(principal, id, body.reason));
  }
}
