import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Param } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { AttachFeeResultDto } from './attach-fee.response.dto';
import { AttachFeeCommand } from './attach-fee.command';
import { AttachFeeDto } from './attach-fee.request.dto';
import { RequestCommandController } from '../request-command.http';
import { FEE_ERRORS } from '../../shared/api-errors';
import { RequestPath } from '../request-paths';

@RequestCommandController('FEE')
export class AttachFeeHttpController extends CommandHttpController {
  /** Always refused for a non-zero amount, and the attempt recorded (R17.5). */
  @CommandEndpoint({
    path: ':id/fee',
    status: 200,
    summary: 'Attaches a fee to a request: always refused, no fee may be charged (R17.5)',
    response: AttachFeeResultDto,
    roles: ['OWNER_OPERATOR'],
    refusals: FEE_ERRORS,
  })
  attach(@CurrentPrincipal() principal: Principal, @Param() path: RequestPath, @Body() body: AttachFeeDto): Promise<{ requestId: string; fee: 0 }> {
    return this.commands.execute(new AttachFeeCommand(principal, path.id, body.amount, body.currency));
  }
}
