import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { EvidenceItemCommands } from '../evidence-item.context';
import { CancelTransferRequestDto } from './cancel-transfer.request.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/transfers/:transferId/cancellation')
@UseInterceptors(NoFeeInterceptor)
export class CancelTransferHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /**
   * A qualified officer of the holding organ withdraws a transfer not yet acknowledged, with a
   * reason (R18.5): recorded as `custody.TransferCancelled`; the item stays with its holder and
   * may be transferred again.
   */
  @Post()
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Cancel a pending transfer as its holder (R18.5)' })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Param('transferId') transferId: string,
    @Body() body: CancelTransferRequestDto,
  ): Promise<Record<string, unknown>> {
    const { item } = await this.commands.decide(principal, evidenceItemId, (item, officer, now) => item.cancelTransfer(transferId, officer.record, body.reason, now));
    return { evidenceItemId, transferId, transfer: 'CANCELLED', status: item.status, holderOrganisationId: item.holderOrganisationId };
  }
}
