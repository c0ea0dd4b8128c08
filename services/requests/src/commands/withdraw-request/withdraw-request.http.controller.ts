import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsRequestRefusals, RequestRefusalInterceptor } from '../../shared/request-refusal.interceptor';
import { ApiCodedErrors } from '@custos/platform';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { WithdrawRequestResultDto } from './withdraw-request.response.dto';
import { WithdrawRequestCommand } from './withdraw-request.command';
import { WithdrawRequestDto } from './withdraw-request.request.dto';
import { WITHDRAW_ERRORS } from '../../shared/api-errors';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
@RecordsRequestRefusals('WITHDRAW')
@UseInterceptors(RequestRefusalInterceptor)
export class WithdrawRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('OFFICER')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: WithdrawRequestResultDto })
  @ApiCodedErrors(WITHDRAW_ERRORS)
  @ApiOperation({ summary: 'Withdraws a request not yet decided' })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: WithdrawRequestDto,
  ): Promise<{ requestId: string; status: 'WITHDRAWN' }> {
    return this.commands.execute(new WithdrawRequestCommand(principal, id, body.reason));
  }
}
