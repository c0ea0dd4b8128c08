import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { TransferCancelledDto } from '../evidence-item-commands.response.dto';
import { ITEM_COMMAND_REFUSALS } from '../evidence-item.refusals';
import { CancelTransferCommand } from './cancel-transfer.command';
import { CancelTransferRequestDto } from './cancel-transfer.request.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/transfers/:transferId/cancellation')
@UseInterceptors(NoFeeInterceptor)
export class CancelTransferHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: TransferCancelledDto })
  @ApiRefusalCodes(...ITEM_COMMAND_REFUSALS, 'CUSTOS_R18_5_NO_TRANSFER_PENDING', 'CUSTOS_R3_1_NOT_THE_HOLDER')
  @ApiOperation({ summary: 'Cancel a pending transfer as its holder (R18.5)' })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Param('transferId') transferId: string,
    @Body() body: CancelTransferRequestDto,
  ): Promise<TransferCancelledDto> {
    const command = new CancelTransferCommand(principal, evidenceItemId, transferId, body.reason);
    return orRefuse(await this.commands.execute<CancelTransferCommand, Result<TransferCancelledDto>>(command));
  }
}
