import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { IntegrityResultDto } from '../evidence-item-commands.response.dto';
import { INTEGRITY_REFUSALS, ITEM_COMMAND_REFUSALS } from '../evidence-item.refusals';
import { AttestationDto } from '../integrity-challenge/integrity-challenge';
import { RecordReceiptCommand } from './record-receipt.command';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/receipt')
@RecordsHandOverRefusals('RECEIPT')
@UseInterceptors(HandOverRefusalInterceptor, NoFeeInterceptor)
export class RecordReceiptHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: IntegrityResultDto })
  @ApiRefusalCodes(...ITEM_COMMAND_REFUSALS, ...INTEGRITY_REFUSALS, 'CUSTOS_R18_5_NOT_HANDED_OVER', 'CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER')
  @ApiOperation({ summary: 'Receive a handed-over package: custody re-hashes the stored package, you attest your copy (R18.5)' })
  async receive(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string, @Body() body: AttestationDto): Promise<IntegrityResultDto> {
    return orRefuse(await this.commands.execute<RecordReceiptCommand, Result<IntegrityResultDto>>(new RecordReceiptCommand(principal, evidenceItemId, body)));
  }
}
