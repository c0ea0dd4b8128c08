import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandEndpoint } from '@custos/platform';
import { ApiTags } from '@nestjs/swagger';
import { AttachFeeResultDto } from './attach-fee.response.dto';
import { AttachFeeCommand } from './attach-fee.command';
import { AttachFeeDto } from './attach-fee.request.dto';
import { RecordsRequestRefusals } from '../../shared/request-refusal.interceptor';
import { FEE_ERRORS } from '../../shared/api-errors';

@ApiTags('requests')
@Controller('requests')
@RecordsRequestRefusals('FEE')
export class AttachFeeHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Always refused for a non-zero amount, and the attempt recorded (R17.5). */
  @CommandEndpoint({
    path: ':id/fee',
    status: 200,
    summary: 'Attaches a fee to a request: always refused, no fee may be charged (R17.5)',
    response: AttachFeeResultDto,
    roles: ['OWNER_OPERATOR'],
    refusals: FEE_ERRORS,
  })
  attach(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: AttachFeeDto,
  ): Promise<{ requestId: string; fee: 0 }> {
    return this.commands.execute(new AttachFeeCommand(principal, id, body.amount, body.currency));
  }
}
