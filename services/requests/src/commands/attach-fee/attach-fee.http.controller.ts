import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCodedErrors } from '@custos/platform';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { AttachFeeResultDto } from './attach-fee.response.dto';
import { AttachFeeCommand } from './attach-fee.command';
import { AttachFeeDto } from './attach-fee.request.dto';
import { RecordsRequestRefusals, RequestRefusalInterceptor } from '../../shared/request-refusal.interceptor';
import { FEE_ERRORS } from '../../shared/api-errors';

@ApiTags('requests')
@ApiBearerAuth()
@Controller('requests')
@RecordsRequestRefusals('FEE')
@UseInterceptors(RequestRefusalInterceptor)
export class AttachFeeHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Always refused for a non-zero amount, and the attempt recorded (R17.5). */
  @Roles('OWNER_OPERATOR')
  @Post(':id/fee')
  @HttpCode(200)
  @ApiOkResponse({ type: AttachFeeResultDto })
  @ApiCodedErrors(FEE_ERRORS)
  @ApiOperation({ summary: 'Attaches a fee to a request: always refused, no fee may be charged (R17.5)' })
  attach(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: AttachFeeDto,
  ): Promise<{ requestId: string; fee: 0 }> {
    return this.commands.execute(new AttachFeeCommand(principal, id, body.amount, body.currency));
  }
}
